import "server-only";
import { z } from "zod";

// The one module that reads process.env: everything else imports `env`.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().min(1).default("file:./data/obeya.db"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().default("0.0.0.0"),
  // next-auth reads NEXTAUTH_SECRET; AUTH_SECRET is accepted as an alias.
  AUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  // Comma-separated list of origins allowed to open sockets and send state-changing requests.
  ALLOWED_ORIGINS: z.string().default(""),
  REDIS_URL: z.string().optional(),
  // Optional OpenID Connect sign-in (Keycloak, Entra ID, Okta, Google...): all three or none.
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  // Session lifetime in seconds (default 8 hours).
  SESSION_MAX_AGE: z.coerce.number().int().min(60).default(8 * 60 * 60),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // How many missed events a reconnecting client may replay before it must reload a snapshot.
  REPLAY_LIMIT: z.coerce.number().int().min(1).default(1000),
  // Prometheus metrics (GET /metrics). Off unless one is set: METRICS_TOKEN serves them on the
  // app's port to `Authorization: Bearer <token>`; METRICS_PORT serves them on a port of their
  // own (bound to METRICS_HOST, default loopback), with the token too when it is set.
  METRICS_TOKEN: z.string().min(16, "use at least 16 characters").optional(),
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default("127.0.0.1"),
  // Behind a reverse proxy that sets X-Forwarded-For: "1" makes its first address the client's
  // (for the per-address sign-in limit and the audit). Otherwise the header is ignored, as
  // anyone can send it.
  TRUST_PROXY: z
    .enum(["0", "1", "true", "false", ""])
    .default("0")
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof ZEnv>;

function parseEnv(): Env {
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const databaseProvider: "sqlite" | "postgresql" = /^postgres(ql)?:\/\//.test(env.DATABASE_URL)
  ? "postgresql"
  : "sqlite";

const DEV_SECRET = "obeya-development-secret-change-me";

export function authSecret(): string {
  const secret = env.NEXTAUTH_SECRET ?? env.AUTH_SECRET;
  if (secret) return secret;
  if (env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET (or AUTH_SECRET) must be set in production");
  }
  return DEV_SECRET;
}

export function allowedOrigins(): string[] {
  const list = env.ALLOWED_ORIGINS.split(",").map((s) => s.trim()).filter(Boolean);
  if (list.length > 0) return list;
  return [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`];
}
