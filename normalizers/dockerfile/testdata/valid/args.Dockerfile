# Global ARGs: with and without defaults, referencing each other.
ARG REGISTRY=registry.example.com:5000
ARG GO_VERSION=1.22
ARG ALPINE_VERSION
ARG IMAGE=${REGISTRY}/base
ARG TAG
ARG QUOTED="a b"

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
ARG TARGETOS TARGETARCH
ARG VERSION=dev
RUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -ldflags "-X main.version=${VERSION}" -o /app .

FROM alpine:${ALPINE_VERSION:-3.19} AS fallback

FROM $IMAGE:${TAG} AS unknown-tag

FROM ${IMAGE}:${TAG:-latest} AS defaulted

FROM debian:${DEBIAN_SUITE-bookworm}-slim AS undeclared-default

FROM ${TARGETARCH}/alpine:3.19 AS platform-arg

FROM $UNDECLARED AS undeclared
