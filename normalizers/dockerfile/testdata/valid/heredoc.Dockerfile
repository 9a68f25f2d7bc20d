# syntax=docker/dockerfile:1.7
FROM debian:bookworm-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y curl
EOF
RUN <<-EOT bash
	echo "tabs are removed"
	echo done
	EOT
COPY <<EOF /etc/app.conf
listen 8080
EOF
COPY --chmod=0755 <<"SCRIPT" <<CONF /usr/local/bin/
#!/bin/sh
echo $HOME
SCRIPT
key=value
CONF
RUN python3 <<'PY'
print("hi")
PY
