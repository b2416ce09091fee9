# Node 24, the active LTS line (22 is supported too, see package.json "engines").
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build

# Production dependencies only, installed from the lock file on their own.
FROM node:24-bookworm-slim AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:24-bookworm-slim
ENV NODE_ENV=production
# Every interface of the container (production's default too), so that a published port reaches it.
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=production-dependencies /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The dashboard's browser modules and stylesheet, served as they are (the app reads them from
# the dashboard/ folder beside dist/ when it starts).
COPY dashboard ./dashboard
COPY package.json ./
# The image's unprivileged user, which cannot change the application's files.
USER node
EXPOSE 3000
CMD ["node", "dist/main.js"]
