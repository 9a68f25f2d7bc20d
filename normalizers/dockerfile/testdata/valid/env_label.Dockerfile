FROM python:3.12-slim
ENV PYTHONDONTWRITEBYTECODE 1
ENV MSG "hello world"
ENV PATH=/opt/venv/bin:$PATH LANG=C.UTF-8 K2="v 2" K3='single $quoted' K4=a\ b
LABEL org.opencontainers.image.source="https://github.com/example/app" \
      "com.example.vendor"="ACME Inc." version=1.0
LABEL description="multi word label"
ARG BUILD_DATE
ARG PIP_INDEX=https://pypi.org/simple
ENV API_TOKEN=${TOKEN:-changeme}
