FROM golang:1.22-alpine AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM build AS Test
RUN go test ./...

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/app /app
COPY --from=0 /src/LICENSE /LICENSE
COPY --from=nginx:1.25 /etc/nginx/mime.types /etc/mime.types
RUN --mount=type=bind,from=test,source=/src,target=/mnt ls /mnt
USER nonroot:nonroot
ENTRYPOINT ["/app"]
