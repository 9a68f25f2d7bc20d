ARG BASE=alpine:3.19
RUN echo too early
ENV TOO=early
FROM ${BASE}
RUN echo fine
