# One image for every service and both of its processes (API and Temporal worker); compose picks the command.
# syntax=docker/dockerfile:1

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

FROM deps AS build
COPY . .
RUN node tools/build.mjs

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund && npm cache clean --force
# nx.json marks the workspace root; tsconfig.base.json holds the path aliases; tools/ holds the migration runner.
COPY nx.json tsconfig.base.json ./
COPY tools ./tools
COPY --from=build /app/dist ./dist
USER node
# Overridden per container: dist/apps/<service>/src/main.js (API) or worker.js (Temporal worker).
CMD ["node", "--enable-source-maps", "dist/apps/referrals/src/main.js"]
