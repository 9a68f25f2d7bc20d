# A minimal single-stage image.
FROM alpine:3.19
RUN apk add --no-cache curl ca-certificates
WORKDIR /app
COPY . .
USER nobody
CMD ./server --port 8080
