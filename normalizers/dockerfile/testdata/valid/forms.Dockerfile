FROM ubuntu:22.04
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN ["/bin/echo", "exec form"]
EXPOSE 80/tcp 443 8080/udp
VOLUME ["/data", "/logs"]
VOLUME /cache
STOPSIGNAL SIGTERM
MAINTAINER someone@example.com
USER 1000:1000
USER root
HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
HEALTHCHECK NONE
ENTRYPOINT /docker-entrypoint.sh
CMD ["nginx", "-g", "daemon off;"]
CMD echo "shell form"
