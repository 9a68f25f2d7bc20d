FROM localhost:5000/app:1.0 AS local-registry
FROM ghcr.io/x/y@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS digest
FROM docker.io/library/nginx:1.25.3@sha256:fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210 AS tag-and-digest
FROM myorg/app AS no-tag
FROM Registry.Example/app:2 AS upper-registry
FROM scratch
COPY --from=local-registry /bin/app /app
