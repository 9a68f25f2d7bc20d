FROM alpine:3.19 AS 1st
HEALTHCHECK NONE extra
HEALTHCHECK --interval=soon CMD true
HEALTHCHECK PING localhost
COPY only-source
SHELL /bin/bash -c
ONBUILD FROM alpine
FROM alpine AS
RUN --mount=type=bind,from=$STAGE,target=/x true
ARG =value
FROM alpine AS build
FROM alpine AS build
WORKDIR
HEALTHCHECK --retries=-1 CMD true
