FROM alpine:3.19
WORKDIR /app
COPY --chwon=1000 . /app
RUN --network=bridge wget https://example.com
ADD --link=maybe app.tar.gz /opt/
FROM --plaform=linux/amd64 alpine
USER app
