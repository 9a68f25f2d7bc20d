{{ if env.variant == "alpine" then ( -}}
FROM alpine:{{ .alpine.version }}
{{ ) else ( -}}
FROM debian:{{ .debian.version }}-slim
{{ ) end -}}

RUN set -eux; \
{{ if env.variant == "alpine" then ( -}}
	apk add --no-cache tzdata; \
{{ ) else ( -}}
	apt-get install -y tzdata; \
{{ ) end -}}
	true
ENV GOSU_VERSION {{ .gosu.version }}
