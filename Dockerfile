# Obeya: one image runs Next.js and Socket.IO on one port (server.ts, run by tsx).
# docker compose up  → two app instances behind nginx + PostgreSQL + Redis (docker-compose.yml).
# Two stages: the build toolchain (python3, g++, the full build) stays in the first; the image
# that runs holds the built app and runs as the unprivileged `node` user with a health check.

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# better-sqlite3 falls back to compiling when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# What `npm ci` needs for its postinstall (Prisma client generation), before the rest of the
# sources, so the dependency layer is cached across source changes.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY . .
RUN mkdir -p data backups && npm run build

FROM node:20-bookworm-slim
WORKDIR /app
# pg_dump/pg_restore for `npm run backup` / `npm run restore` on PostgreSQL (Debian bookworm's
# client is 15, the server's major version in docker-compose.yml).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    # Docker sets HOSTNAME to the container id: listen on every interface instead.
    HOSTNAME=0.0.0.0 \
    DATABASE_URL=file:./data/obeya.db
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
VOLUME ["/app/data", "/app/backups"]
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Migrations are applied on every start (a no-op when none is pending), then the server runs.
CMD ["sh", "-c", "npm run db:migrate && exec npx tsx server.ts"]
