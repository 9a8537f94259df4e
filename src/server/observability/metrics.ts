import "server-only";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

// Prometheus metrics of one process. The registry lives on globalThis: Next.js bundles route
// handlers into a module graph of their own, apart from server.ts, and both must count into
// the same metrics (as the event bus and the database client do).

type RealtimeSource = { sockets: () => number; rooms: () => number };

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "obeya_" });
  let realtime: RealtimeSource | null = null;
  const m = {
    registry,
    setRealtimeSource(source: RealtimeSource | null) {
      realtime = source;
    },
    httpRequests: new Counter({
      name: "obeya_http_requests_total",
      help: "HTTP requests answered, by route template, method and status",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "obeya_http_request_duration_seconds",
      help: "Time from request to the end of the response, by route template and method",
      labelNames: ["route", "method"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    eventsCommitted: new Counter({
      name: "obeya_events_committed_total",
      help: "Events committed by this instance's write path",
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: "obeya_events_published_total",
      help: "Committed events relayed to Socket.IO rooms by this instance",
      registers: [registry],
    }),
    publishLag: new Histogram({
      name: "obeya_event_publish_lag_seconds",
      help: "From an event's commit timestamp to its relay to the sockets",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    }),
    dbQueryDuration: new Histogram({
      name: "obeya_db_query_duration_seconds",
      help: "Duration of each database query as the Prisma client reports it",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "obeya_signin_failures_total",
      help: "Failed password sign-ins (wrong email or password)",
      registers: [registry],
    }),
    webhookAttempts: new Counter({
      name: "obeya_webhook_attempts_total",
      help: "Outbound webhook attempts by this instance, by outcome: delivered, retry (failed, tried again later) or failed (gave up)",
      labelNames: ["outcome"] as const,
      registers: [registry],
    }),
    webhookDuration: new Histogram({
      name: "obeya_webhook_attempt_duration_seconds",
      help: "Time from an outbound webhook's request to its answer (or error)",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: "obeya_rate_limit_refusals_total",
      help: "Requests refused by a rate limit, by limiter",
      labelNames: ["limiter"] as const,
      registers: [registry],
    }),
  };
  new Gauge({
    name: "obeya_sockets_open",
    help: "Socket.IO connections open on this instance",
    registers: [registry],
    collect() {
      this.set(realtime?.sockets() ?? 0);
    },
  });
  new Gauge({
    name: "obeya_socket_rooms",
    help: "Socket.IO rooms on this instance (walls, people, tokens and each socket's own)",
    registers: [registry],
    collect() {
      this.set(realtime?.rooms() ?? 0);
    },
  });
  return m;
}

const key = Symbol.for("obeya.metrics");
type Holder = { [key]?: ReturnType<typeof create> };
const holder = globalThis as unknown as Holder;

export function metrics(): ReturnType<typeof create> {
  holder[key] ??= create();
  return holder[key];
}
