FROM alpine:3.19
RUN echo before
RUN <<EOF
echo never closed
