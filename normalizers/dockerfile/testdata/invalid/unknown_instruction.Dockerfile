FROM alpine:3.19
RUNN apk add curl
FETCH https://example.com /tmp
RUN echo still here
