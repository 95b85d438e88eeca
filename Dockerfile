# hirelake as a small container: compiled JavaScript, production dependencies only, non-root.
#   docker build -t hirelake .
#   docker run --rm -v "$PWD:/work" -e DATABASE_URL hirelake run --config /work/hirelake.yml
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Sources are not here yet, so `prepare` (the build) runs below instead.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts scripts
COPY src src
COPY extractors extractors
COPY transforms transforms
COPY loaders loaders
COPY emulators emulators
COPY sql sql
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY package.json ./
COPY bin bin
# The image's own unprivileged user; mount configs and DuckDB files under /work.
USER node
WORKDIR /work
ENTRYPOINT ["node", "/app/bin/hirelake.js"]
CMD ["--help"]
