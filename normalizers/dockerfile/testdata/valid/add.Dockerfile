FROM alpine:3.19
ADD https://example.com/releases/tool-1.0.tar.gz /tmp/
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tgz /opt/
ADD app.tar.gz /opt/app/
ADD --chown=1000:1000 --chmod=644 config/ /etc/app/
ADD git@github.com:example/repo.git /src
COPY --link --chown="1000:1000" . /app
RUN --mount=type=cache,target=/root/.cache --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --network=none \
    echo build
RUN --security=insecure echo privileged
