import "server-only";
import pino from "pino";
import { env } from "./env";

// Structured JSON logs on stdout; each request logs through a child carrying its request id.
export const log = pino({
  level: env.LOG_LEVEL,
  base: { service: "obeya" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: ["req.headers.cookie", "req.headers.authorization", "password", "*.password"],
});
