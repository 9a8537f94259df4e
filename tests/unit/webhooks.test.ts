// Outbound webhooks, the pure parts (src/domain/webhooks.ts) and the signature: which event goes
// to which subscription, the retry schedule, the URL rule, the two body formats.
import { describe, expect, it } from "vitest";
import {
  buildEnvelope,
  chatText,
  isDelivered,
  publicEventType,
  retryDelayMs,
  slackBody,
  subscriptionWants,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_MAX_ATTEMPTS,
  webhookUrlProblem,
} from "@/domain/webhooks";
import { signWebhook, verifyWebhook } from "@/server/services/webhooks/webhook-signature";

const service = { id: "svc1", key: "shop", name: "Shop <web>" };
const event = (type: string, payload: unknown) => ({ seq: 7, type, actorId: "u1", payload, createdAt: "2026-12-05T10:00:00.000Z" });

describe("which events a subscription gets", () => {
  it("names internal events by their public type; a PDCA move to CLOSED is problem.closed, other moves nothing", () => {
    expect(publicEventType("andon.pulled", {})).toBe("andon.pulled");
    expect(publicEventType("release.decided", { outcome: "GO" })).toBe("release.decided");
    expect(publicEventType("problem.pdca.moved", { from: "ACT", to: "CLOSED" })).toBe("problem.closed");
    expect(publicEventType("problem.pdca.moved", { from: "PLAN", to: "DO" })).toBeNull();
    expect(publicEventType("item.updated", {})).toBeNull();
    expect(publicEventType("mri.updated", {})).toBeNull();
    // problem.closed is never an internal type itself
    expect(publicEventType("problem.closed", {})).toBeNull();
  });

  it("sends an event to an enabled subscription that lists its type, and to no other", () => {
    const sub = { enabled: true, eventTypes: ["andon.pulled", "problem.closed"] };
    expect(subscriptionWants(sub, "andon.pulled")).toBe(true);
    expect(subscriptionWants(sub, publicEventType("problem.pdca.moved", { to: "CLOSED" }))).toBe(true);
    expect(subscriptionWants(sub, "rfc.decided")).toBe(false);
    expect(subscriptionWants(sub, null)).toBe(false);
    expect(subscriptionWants({ ...sub, enabled: false }, "andon.pulled")).toBe(false);
  });

  it("labels every public type", () => {
    for (const t of WEBHOOK_EVENT_TYPES) expect(WEBHOOK_EVENT_LABELS[t]).toMatch(/\w/);
  });
});

describe("retries", () => {
  it("doubles from 10 s (± 10 % jitter) and gives up after the last attempt", () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, mid))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000]);
    expect(retryDelayMs(WEBHOOK_MAX_ATTEMPTS, mid)).toBeNull();
    expect(retryDelayMs(1, () => 0)).toBe(9_000);
    expect(retryDelayMs(1, () => 1)).toBe(11_000);
  });

  it("counts only a 2xx answer as delivered (a redirect is not followed, so it is a failure)", () => {
    expect([200, 204, 299].map(isDelivered)).toEqual([true, true, true]);
    expect([null, 199, 301, 302, 404, 500, 503].map(isDelivered)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe("the URL", () => {
  it("takes http and https URLs only, without credentials", () => {
    expect(webhookUrlProblem("https://hooks.slack.com/services/T0/B0/x")).toBeNull();
    expect(webhookUrlProblem("http://127.0.0.1:3311/hook")).toBeNull();
    expect(webhookUrlProblem("ftp://example.com/x")).toMatch(/http/);
    expect(webhookUrlProblem("file:///etc/passwd")).toMatch(/http/);
    expect(webhookUrlProblem("javascript:alert(1)")).toMatch(/http/);
    expect(webhookUrlProblem("hooks.example.com")).toMatch(/full URL/);
    expect(webhookUrlProblem("https://user:pw@example.com/")).toMatch(/password/);
  });
});

describe("the bodies", () => {
  const pulled = buildEnvelope(service, event("andon.pulled", { andonId: "a1", stageId: "st1", itemId: null, reason: "Build red" }), "andon.pulled");

  it("obeya: the documented envelope — public type, time, service, and the event with its seq and payload", () => {
    expect(pulled).toEqual({
      type: "andon.pulled",
      occurredAt: "2026-12-05T10:00:00.000Z",
      service,
      event: { seq: 7, type: "andon.pulled", actorId: "u1", payload: { andonId: "a1", stageId: "st1", itemId: null, reason: "Build red" } },
    });
  });

  it("slack: one line {text} with the service, what happened, where, why and who, chat control characters escaped", () => {
    expect(slackBody(pulled, { actor: "Ann", stage: "Test", link: "https://obeya.example/services/shop" })).toEqual({
      text: "*Shop &lt;web&gt;* · Andon pulled on Test: Build red (by Ann) — https://obeya.example/services/shop",
    });
    expect(chatText(pulled)).toBe("*Shop &lt;web&gt;* · Andon pulled: Build red");
    const noGo = buildEnvelope(service, event("release.decided", { outcome: "NO_GO" }), "release.decided");
    expect(chatText(noGo)).toContain("Go/no-go recorded: NO-GO");
    const closed = buildEnvelope(service, event("problem.pdca.moved", { to: "CLOSED" }), "problem.closed");
    expect(chatText(closed)).toContain("Problem closed");
    const rfc = buildEnvelope(service, event("rfc.decided", { status: "APPROVED" }), "rfc.decided");
    expect(chatText(rfc)).toContain("RfC decided: APPROVED");
  });
});

describe("the signature", () => {
  it("is sha256=<hex HMAC-SHA256 of '<timestamp>.<body>'> (the vector computed with openssl)", () => {
    const body = '{"type":"andon.pulled"}';
    expect(signWebhook("whsec_test", 1733400000, body)).toBe("sha256=0c385293db6625afc158a915591f749da4257c37aada51794ae68d7f9f5546ca");
  });

  it("verifies for the right secret, body and a fresh timestamp only", () => {
    const body = '{"a":1}';
    const sig = signWebhook("s3cret", 1000, body);
    expect(verifyWebhook("s3cret", { signature: sig, timestamp: "1000" }, body, 1100)).toBe(true);
    expect(verifyWebhook("other", { signature: sig, timestamp: "1000" }, body, 1100)).toBe(false);
    expect(verifyWebhook("s3cret", { signature: sig, timestamp: "1000" }, '{"a":2}', 1100)).toBe(false);
    expect(verifyWebhook("s3cret", { signature: sig, timestamp: "1001" }, body, 1100)).toBe(false);
    expect(verifyWebhook("s3cret", { signature: sig, timestamp: "1000" }, body, 2000)).toBe(false);
    expect(verifyWebhook("s3cret", { signature: null, timestamp: "1000" }, body, 1100)).toBe(false);
  });
});
