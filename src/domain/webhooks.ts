// Outbound webhooks (issue 14.6; docs/decisions/009-outbound-webhooks.md): which events a
// subscription may ask for, which committed event matches which subscription, when a failed
// delivery is tried again, and the two body formats. Pure: the server signs and sends.

/**
 * The public event types, named for what happened in the team's words. Most are an internal
 * event type as is; `problem.closed` is the PDCA move to CLOSED. Receivers see these names only.
 */
export const WEBHOOK_EVENT_TYPES = [
  "andon.pulled",
  "andon.released",
  "release.decided",
  "deployment.reported",
  "rfc.raised",
  "rfc.decided",
  "problem.opened",
  "problem.closed",
  "item.created",
  "item.moved",
  "item.rejected",
  "item.blocked",
  "serviceLevel.breached",
  "kaizen.proposed",
  "service.endOfLife.decided",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventType, string> = {
  "andon.pulled": "Andon pulled",
  "andon.released": "Andon released",
  "release.decided": "Go/no-go recorded",
  "deployment.reported": "Deployment reported",
  "rfc.raised": "RfC raised",
  "rfc.decided": "RfC decided",
  "problem.opened": "Problem opened",
  "problem.closed": "Problem closed",
  "item.created": "Item created",
  "item.moved": "Item moved",
  "item.rejected": "Item sent back",
  "item.blocked": "Item blocked",
  "serviceLevel.breached": "Service level breached",
  "kaizen.proposed": "Kaizen proposed",
  "service.endOfLife.decided": "End of life decided",
};

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}

/** The public type of a committed event, or null when no subscription can ask for it. */
export function publicEventType(type: string, payload: unknown): WebhookEventType | null {
  if (type === "problem.pdca.moved") {
    return (payload as { to?: string } | null)?.to === "CLOSED" ? "problem.closed" : null;
  }
  if (type === "problem.closed") return null; // only ever derived from the PDCA move
  return isWebhookEventType(type) ? type : null;
}

export type SubscriptionFilter = { enabled: boolean; eventTypes: readonly string[] };

/** Whether an event of this public type is sent to the subscription. */
export function subscriptionWants(sub: SubscriptionFilter, type: WebhookEventType | null): boolean {
  return sub.enabled && type !== null && sub.eventTypes.includes(type);
}

// ---------------------------------------------------------------- retries

/** Attempts in all (the first and the retries); after the last failure the delivery is FAILED. */
export const WEBHOOK_MAX_ATTEMPTS = 8;
export const WEBHOOK_FIRST_RETRY_MS = 10_000;
export const WEBHOOK_MAX_RETRY_MS = 60 * 60_000;

/**
 * How long to wait after failed attempt number `attempt` (1-based) before the next, or null
 * when it was the last: 10 s, 20 s, 40 s … doubling up to an hour, ± 10 % jitter so that a
 * receiver coming back is not hit by every queued delivery in the same second. `random` is
 * Math.random in production, fixed in tests. Eight attempts span about 21 minutes.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= WEBHOOK_MAX_ATTEMPTS) return null;
  const base = Math.min(WEBHOOK_FIRST_RETRY_MS * 2 ** (attempt - 1), WEBHOOK_MAX_RETRY_MS);
  return Math.round(base * (0.9 + 0.2 * random()));
}

/** A 2xx answer is delivered; anything else (3xx included: redirects are not followed) is retried. */
export function isDelivered(statusCode: number | null): boolean {
  return statusCode !== null && statusCode >= 200 && statusCode < 300;
}

// ---------------------------------------------------------------- the URL

export const WEBHOOK_URL_MAX = 2000;

/** Only http and https, with a host and no credentials in the URL; null when acceptable. */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, such as https://hooks.example.com/obeya.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "Only http:// and https:// URLs can receive webhooks.";
  if (!url.hostname) return "The URL needs a host.";
  if (url.username || url.password) return "Put no user name or password in the URL; the signature authenticates Obeya.";
  if (raw.length > WEBHOOK_URL_MAX) return `At most ${WEBHOOK_URL_MAX} characters.`;
  return null;
}

// ---------------------------------------------------------------- the bodies

/** The "obeya" format, documented in the README; fixed when the event commits. */
export type WebhookEnvelope = {
  type: WebhookEventType;
  occurredAt: string;
  service: { id: string; key: string; name: string };
  event: { seq: number; type: string; actorId: string | null; payload: unknown };
};

export function buildEnvelope(
  service: { id: string; key: string; name: string },
  event: { seq: number; type: string; actorId: string | null; payload: unknown; createdAt: string },
  type: WebhookEventType,
): WebhookEnvelope {
  return {
    type,
    occurredAt: event.createdAt,
    service,
    event: { seq: event.seq, type: event.type, actorId: event.actorId, payload: event.payload },
  };
}

/** Names the sender looked up for a readable chat message (any may be missing). */
export type MessageNames = { actor?: string | null; stage?: string | null; link?: string | null };

function str(payload: unknown, key: string): string | null {
  const v = (payload as Record<string, unknown> | null)?.[key];
  return typeof v === "string" && v.length > 0 ? v : null;
}

// Slack's mrkdwn treats &, < and > as control characters.
function escapeChat(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One line for a chat channel: what happened, where, by whom, with the reason when there is one. */
export function chatText(env: WebhookEnvelope, names: MessageNames = {}): string {
  const p = env.event.payload;
  const label = WEBHOOK_EVENT_LABELS[env.type];
  const parts: string[] = [];
  switch (env.type) {
    case "andon.pulled":
      parts.push(`${label}${names.stage ? ` on ${names.stage}` : ""}: ${str(p, "reason") ?? "no reason given"}`);
      break;
    case "andon.released":
      parts.push(`${label}${names.stage ? ` on ${names.stage}` : ""}${str(p, "countermeasure") ? `: ${str(p, "countermeasure")}` : ""}`);
      break;
    case "release.decided":
      parts.push(`${label}: ${str(p, "outcome") === "GO" ? "GO" : "NO-GO"}`);
      break;
    case "deployment.reported":
      parts.push(`${label}: ${str(p, "result") ?? "?"} to ${str(p, "environment") ?? "?"}`);
      break;
    case "rfc.raised":
    case "problem.opened":
      parts.push(`${label}: ${str(p, "title") ?? ""}`.replace(/: $/, ""));
      break;
    case "rfc.decided":
      parts.push(`${label}: ${str(p, "status") ?? "?"}`);
      break;
    case "item.created": {
      const title = ((p as { item?: { title?: unknown } } | null)?.item?.title as string | undefined) ?? null;
      parts.push(title ? `${label}: ${title}` : label);
      break;
    }
    case "item.moved":
      parts.push(`${label}${names.stage ? ` to ${names.stage}` : ""}`);
      break;
    case "item.rejected":
    case "item.blocked":
      parts.push(`${label}${names.stage ? ` to ${names.stage}` : ""}: ${str(p, "reason") ?? ""}`.replace(/: $/, ""));
      break;
    case "service.endOfLife.decided":
      parts.push(`${label}: ${str(p, "from") ?? "?"} → ${str(p, "to") ?? "?"}`);
      break;
    default:
      parts.push(label);
  }
  const by = names.actor ? ` (by ${names.actor})` : "";
  // A bare URL: every chat links it, whereas link markup differs between them.
  const link = names.link ? ` — ${names.link}` : "";
  return `*${escapeChat(env.service.name)}* · ${escapeChat(parts.join(""))}${escapeChat(by)}${link}`;
}

/** The "slack" format: `{"text": …}`, which Slack, Mattermost and Microsoft Teams incoming webhooks accept. */
export function slackBody(env: WebhookEnvelope, names: MessageNames = {}): { text: string } {
  return { text: chatText(env, names) };
}
