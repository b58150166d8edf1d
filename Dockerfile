# syntax=docker/dockerfile:1
# Multi-stage: install and build with dev dependencies, then run on a slim image with only
# what production needs. PostgreSQL comes from docker-compose (DATABASE_URL), not embedded.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY shared/src shared/src
COPY server/src server/src
COPY --from=build /app/client/build client/build
USER node
EXPOSE 3000
CMD ["node", "server/src/main.ts"]
