package dockerfile

import (
	"context"
	"testing"

	"github.com/rampart-iac/rampart/normalizers"
)

// benchDockerfile is a typical multi-stage build: global ARGs, a builder
// with cache mounts and a heredoc, a test stage and a distroless runtime.
const benchDockerfile = `# syntax=docker/dockerfile:1.7
ARG GO_VERSION=1.22
ARG ALPINE_VERSION=3.19
ARG REGISTRY=ghcr.io/example

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine${ALPINE_VERSION} AS build
ARG TARGETOS TARGETARCH
ARG VERSION=dev
ENV CGO_ENABLED=0 \
    GOFLAGS="-trimpath -mod=readonly" \
    GOCACHE=/root/.cache/go-build
RUN apk add --no-cache git ca-certificates tzdata \
 && update-ca-certificates
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags "-s -w -X main.version=${VERSION}" -o /out/server ./cmd/server
RUN <<EOF
set -eux
mkdir -p /out/etc
echo "nonroot:x:65532:65532::/home/nonroot:/sbin/nologin" > /out/etc/passwd
EOF

FROM build AS test
RUN --mount=type=cache,target=/root/.cache/go-build go test -race ./...

FROM node:20-alpine AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM gcr.io/distroless/static-debian12:nonroot@sha256:8dd8d3ca2cf283383304fd45a5c9c74d5f2cd9da8d3b72f4bc3d9fa4e3c2b6f5
LABEL org.opencontainers.image.source="https://github.com/example/server" \
      org.opencontainers.image.licenses="Apache-2.0"
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo
COPY --from=build --chown=65532:65532 /out/server /server
COPY --from=web /web/dist /static
ENV TZ=UTC PORT=8080
EXPOSE 8080
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=3s --start-period=5s --retries=3 CMD ["/server", "-healthcheck"]
ENTRYPOINT ["/server"]
CMD ["--config", "/etc/server.yaml"]
`

func BenchmarkNormalize(b *testing.B) {
	f := normalizers.File{Path: "Dockerfile", Content: []byte(benchDockerfile)}
	n := New()
	ctx := context.Background()
	b.SetBytes(int64(len(f.Content)))
	b.ReportAllocs()
	for b.Loop() {
		docs, diags := n.Normalize(ctx, f)
		if len(docs) != 1 || len(diags) != 0 {
			b.Fatalf("%d documents, diagnostics %v", len(docs), diags)
		}
	}
}
