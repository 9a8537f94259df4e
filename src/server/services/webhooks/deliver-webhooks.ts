import "server-only";
import { isDelivered, retryDelayMs, slackBody, type MessageNames, type WebhookEnvelope } from "@/domain/webhooks";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { log } from "@/server/log";
import { metrics } from "@/server/observability/metrics";
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from "./webhook-signature";

export const WEBHOOK_CLAIM_BATCH = 20;
/** A receiver gets this long to answer; webhooks are notifications, not work to wait for. */
export const WEBHOOK_TIMEOUT_MS = 5_000;
/** How long a claim keeps other workers off a delivery: well past the timeout and the bookkeeping. */
export const WEBHOOK_LEASE_MS = 60_000;
const SENDING_AT_ONCE = 5;
const ERROR_SNIPPET = 300;

export type DeliverOptions = {
  /** The clock (tests move it forward to make retries due). */
  now?: () => Date;
  /** Jitter source of the backoff (tests fix it). */
  random?: () => number;
  limit?: number;
};

/**
 * One run of the sender: claims the due deliveries, POSTs each, records the attempt.
 *
 * Claiming is safe across instances on both databases without locks held over the network: a
 * conditional UPDATE moves a due delivery's nextAttemptAt to the end of a lease
 * (`WHERE id = ? AND status = 'PENDING' AND nextAttemptAt <= now`); whoever's UPDATE changes the
 * row owns it (PostgreSQL re-checks the WHERE after the row lock; SQLite writes one at a time),
 * and the others find it no longer due. A worker that dies mid-send leaves the lease to lapse,
 * and the delivery is sent again: at least once, never lost.
 */
export async function deliverDueWebhooks(opts: DeliverOptions = {}): Promise<{ claimed: number; delivered: number; failed: number }> {
  const now = opts.now ?? (() => new Date());
  const limit = opts.limit ?? WEBHOOK_CLAIM_BATCH;
  const at = now();
  const due = await db.webhookDelivery.findMany({
    where: { status: "PENDING", nextAttemptAt: { lte: at }, subscription: { enabled: true } },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  const claimed: string[] = [];
  const leaseEnd = new Date(at.getTime() + WEBHOOK_LEASE_MS);
  for (const { id } of due) {
    const { count } = await db.webhookDelivery.updateMany({
      where: { id, status: "PENDING", nextAttemptAt: { lte: at } },
      data: { nextAttemptAt: leaseEnd },
    });
    if (count === 1) claimed.push(id);
  }
  let delivered = 0;
  let failed = 0;
  for (let i = 0; i < claimed.length; i += SENDING_AT_ONCE) {
    const outcomes = await Promise.all(claimed.slice(i, i + SENDING_AT_ONCE).map((id) => attemptDelivery(id, now, opts.random)));
    delivered += outcomes.filter((o) => o === "delivered").length;
    failed += outcomes.filter((o) => o === "failed").length;
  }
  return { claimed: claimed.length, delivered, failed };
}

type Outcome = "delivered" | "retry" | "failed" | "skipped";

async function attemptDelivery(id: string, now: () => Date, random?: () => number): Promise<Outcome> {
  const d = await db.webhookDelivery.findUnique({
    where: { id },
    select: {
      id: true,
      attempts: true,
      eventType: true,
      envelope: true,
      subscription: { select: { url: true, format: true, secret: true, enabled: true } },
    },
  });
  if (!d) return "skipped"; // deleted with its webhook meanwhile
  if (!d.subscription.enabled) {
    // paused since it was claimed: leave it due, the claim query passes it over until enabled
    await db.webhookDelivery.updateMany({ where: { id, status: "PENDING" }, data: { nextAttemptAt: now() } });
    return "skipped";
  }
  const envelope = d.envelope as unknown as WebhookEnvelope;
  const body =
    d.subscription.format === "SLACK" ? JSON.stringify(slackBody(envelope, await messageNames(envelope))) : JSON.stringify(envelope);
  const timestamp = Math.floor(Date.now() / 1000);
  const number = d.attempts + 1;
  const startedAt = now();
  const t0 = performance.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(d.subscription.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Obeya-Webhooks/1",
        "x-obeya-event": d.eventType,
        "x-obeya-delivery": d.id,
        [TIMESTAMP_HEADER.toLowerCase()]: String(timestamp),
        [SIGNATURE_HEADER.toLowerCase()]: signWebhook(d.subscription.secret, timestamp, body),
      },
      body,
      // a redirect is an answer, not an instruction: following it would send the body elsewhere
      redirect: "manual",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    statusCode = res.status;
    const text = await readSnippet(res);
    if (!isDelivered(statusCode)) error = `HTTP ${statusCode}${text ? `: ${text}` : ""}`;
  } catch (err) {
    error = describeFetchError(err);
  }
  const durationMs = Math.round(performance.now() - t0);
  const ok = error === null;
  const finishedAt = now();
  const delay = ok ? null : retryDelayMs(number, random);
  const status = ok ? "DELIVERED" : delay === null ? "FAILED" : "PENDING";
  await db.$transaction([
    db.webhookAttempt.create({ data: { deliveryId: id, number, startedAt, durationMs, statusCode, error, ok } }),
    db.webhookDelivery.update({
      where: { id },
      data: {
        attempts: number,
        status,
        lastStatusCode: statusCode,
        lastError: error,
        deliveredAt: ok ? finishedAt : null,
        nextAttemptAt: delay === null ? finishedAt : new Date(finishedAt.getTime() + delay),
      },
    }),
  ]);
  const outcome = ok ? "delivered" : status === "FAILED" ? "failed" : "retry";
  metrics().webhookAttempts.inc({ outcome });
  metrics().webhookDuration.observe(durationMs / 1000);
  if (!ok) log.warn({ deliveryId: id, attempt: number, statusCode, error, gaveUp: status === "FAILED" }, "webhook delivery failed");
  return outcome;
}

/** The first few hundred characters of the answer, for the log (Slack says "invalid_payload" there). */
async function readSnippet(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < ERROR_SNIPPET) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString("utf8").slice(0, ERROR_SNIPPET).trim();
}

function describeFetchError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return (cause ? `${e?.message ?? "fetch failed"} (${cause})` : (e?.message ?? String(err))).slice(0, ERROR_SNIPPET);
}

/** Who and where, for a chat line: the actor's name and the stage named by the event. */
async function messageNames(envelope: WebhookEnvelope): Promise<MessageNames> {
  const payload = (envelope.event.payload ?? {}) as Record<string, unknown>;
  const stageId = typeof payload.stageId === "string" ? payload.stageId : typeof payload.toStageId === "string" ? payload.toStageId : null;
  const [actor, stage] = await Promise.all([
    envelope.event.actorId ? db.user.findUnique({ where: { id: envelope.event.actorId }, select: { name: true } }) : null,
    stageId ? db.stage.findUnique({ where: { id: stageId }, select: { name: true } }) : null,
  ]);
  const base = env.NEXTAUTH_URL?.replace(/\/+$/, "");
  return {
    actor: actor?.name ?? null,
    stage: stage?.name ?? null,
    link: base ? `${base}/services/${encodeURIComponent(envelope.service.key)}` : null,
  };
}
