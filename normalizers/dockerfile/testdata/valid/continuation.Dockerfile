from node:20-alpine as deps
workdir /app
run set -eux; \
    apk add --no-cache \
# comment inside a continuation is dropped
        git \

        python3; \
    npm ci
copy --chown=node:node \
     package.json package-lock.json \
     ./
onbuild RUN npm run build
ONBUILD COPY --from=deps /app/node_modules ./node_modules
ONBUILD ENV NODE_ENV=production
user node
