// Outbound webhooks on a real database against a real local HTTP receiver (issue 14.6): the
// outbox row is written with the event, the sender signs and POSTs it, a failing receiver gets
// it on a retry, a dead or slow one never holds up or fails the command, a Service Master
// reads the log and replays, and nobody else may.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { WEBHOOK_MAX_ATTEMPTS } from "@/domain/webhooks";
import { db } from "@/server/db";
import { metrics } from "@/server/observability/metrics";
import { pullAndon } from "@/server/services/andon/pull-andon";
import { runCommand } from "@/server/services/events/run-command";
import { createItem } from "@/server/services/items/create-item";
import { moveItem } from "@/server/services/items/move-item";
import { createService } from "@/server/services/services/create-service";
import { decideEndOfLife } from "@/server/services/service-wall/decide-end-of-life";
import { createWebhook } from "@/server/services/webhooks/create-webhook";
import { deleteWebhook } from "@/server/services/webhooks/delete-webhook";
import { deliverDueWebhooks } from "@/server/services/webhooks/deliver-webhooks";
import { listWebhookDeliveries } from "@/server/services/webhooks/list-webhook-deliveries";
import { listWebhooks } from "@/server/services/webhooks/list-webhooks";
import { pruneWebhookLog } from "@/server/services/webhooks/prune-webhook-log";
import { replayWebhookDelivery } from "@/server/services/webhooks/replay-webhook-delivery";
import { updateWebhook } from "@/server/services/webhooks/update-webhook";
import { startWebhookWorker, stopWebhookWorker } from "@/server/services/webhooks/webhook-worker";
import { verifyWebhook } from "@/server/services/webhooks/webhook-signature";
import { GET as listWebhooksRoute, POST as createWebhookRoute } from "@/app/api/v1/services/[serviceId]/webhooks/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

type Received = { headers: IncomingHttpHeaders; body: string };

/** A real HTTP receiver on an ephemeral port; `answer` decides each response (status, or hang for ms). */
class Receiver {
  received: Received[] = [];
  answer: (n: number) => { status: number; delayMs?: number } = () => ({ status: 200 });
  private server!: Server;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        const { status, delayMs } = this.answer(this.received.length);
        setTimeout(() => res.writeHead(status, { "content-type": "text/plain" }).end(status >= 300 ? "receiver is down for maintenance" : "ok"), delayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

let teamId: string;
let master: Actor;
let developer: Actor;
let developerUserId: string;
let receiver: Receiver;
const fixed = () => 0.5; // backoff without jitter: 10 s, 20 s, 40 s …

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  const dev = await makeUser({ teamId, roles: ["DEVELOPER"] });
  developer = dev.actor;
  developerUserId = dev.user.id;
  receiver = await new Receiver().start();
});

afterAll(async () => {
  await receiver.stop();
});

afterEach(async () => {
  receiver.received = [];
  receiver.answer = () => ({ status: 200 });
  // each test sends only its own: nothing left due for the next one's sender
  await db.webhookDelivery.deleteMany({ where: { status: "PENDING" } });
});

async function newService() {
  const s = await createService(master, {
    teamId,
    key: `hook-${uid()}`,
    name: "Web conversion",
    stages: [
      { key: "dev", name: "Development" },
      { key: "deploy", name: "Deployment" },
    ],
  });
  return { id: s.id, key: s.key, dev: s.stageIds[0]!, deploy: s.stageIds[1]! };
}

/** Runs the sender until nothing is due at `at` (deliveries of other tests' services included: filter by subscription). */
async function deliverAt(at: Date) {
  return deliverDueWebhooks({ now: () => at, random: fixed });
}

const deliveriesOf = (subscriptionId: string) =>
  db.webhookDelivery.findMany({ where: { subscriptionId }, orderBy: [{ createdAt: "asc" }, { eventSeq: "asc" }], include: { attemptLog: { orderBy: { number: "asc" } } } });

describe("delivery", () => {
  it("writes the delivery with the event, then POSTs the envelope signed with the subscription's secret", async () => {
    const svc = await newService();
    const { webhook, secret } = await createWebhook(master, svc.id, { name: "Ops", url: receiver.url, eventTypes: ["andon.pulled", "problem.opened"] });
    expect(secret).toMatch(/^whsec_/);
    await createItem(developer, svc.id, { title: "Not a subscribed event" });
    const andon = await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Smoke test red" });

    // The outbox: written by the command (andon pulled + the problem it opened), nothing sent yet.
    const queued = await deliveriesOf(webhook.id);
    expect(queued.map((d) => [d.eventType, d.status, d.attempts])).toEqual([
      ["problem.opened", "PENDING", 0],
      ["andon.pulled", "PENDING", 0],
    ]);
    expect(receiver.received).toHaveLength(0);

    await deliverAt(new Date());
    expect(receiver.received).toHaveLength(2);
    const got = receiver.received.find((r) => r.headers["x-obeya-event"] === "andon.pulled")!;
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["x-obeya-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, { signature: String(got.headers["x-obeya-signature"]), timestamp: String(got.headers["x-obeya-timestamp"]) }, got.body)).toBe(true);
    // the same request does not verify with another subscription's secret
    expect(verifyWebhook("whsec_other", { signature: String(got.headers["x-obeya-signature"]), timestamp: String(got.headers["x-obeya-timestamp"]) }, got.body)).toBe(false);
    const body = JSON.parse(got.body);
    const event = await db.event.findFirstOrThrow({ where: { serviceId: svc.id, type: "andon.pulled" } });
    expect(body).toMatchObject({
      type: "andon.pulled",
      service: { id: svc.id, name: "Web conversion" },
      event: { seq: event.seq, type: "andon.pulled", payload: { andonId: andon.id, stageId: svc.deploy, reason: "Smoke test red" } },
    });
    expect(got.headers["x-obeya-delivery"]).toBe(queued.find((d) => d.eventType === "andon.pulled")!.id);

    const done = await deliveriesOf(webhook.id);
    expect(done.map((d) => d.status)).toEqual(["DELIVERED", "DELIVERED"]);
    expect(done[0]!.attemptLog).toMatchObject([{ number: 1, statusCode: 200, ok: true, error: null }]);
    // nothing left to send
    expect((await deliverAt(new Date())).claimed).toBe(0);
    expect(receiver.received).toHaveLength(2);
  });

  it("slack format: a {text} line with the service, the stage, the reason and who pulled", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "Chat", url: receiver.url, format: "SLACK", eventTypes: ["andon.pulled"] });
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Smoke test red" });
    await deliverAt(new Date());
    expect(receiver.received).toHaveLength(1);
    const dev = await db.user.findUniqueOrThrow({ where: { id: developerUserId } });
    expect(JSON.parse(receiver.received[0]!.body)).toEqual({ text: `*Web conversion* · Andon pulled on Deployment: Smoke test red (by ${dev.name})` });
    expect((await deliveriesOf(webhook.id))[0]!.status).toBe("DELIVERED");
  });

  it("a command that rolls back leaves no delivery; a disabled webhook gets none; a move reaches an item.moved webhook", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "Ops", url: receiver.url, eventTypes: ["andon.pulled", "item.moved"] });
    await expect(
      runCommand(null, async (_tx, emit) => {
        emit(svc.id, "andon.pulled", { andonId: "x", stageId: svc.dev, itemId: null, reason: "never committed" });
        throw new Error("the command failed after emitting");
      }),
    ).rejects.toThrow("the command failed");
    expect(await deliveriesOf(webhook.id)).toHaveLength(0);

    // On SQLite a move takes the fast path unless a webhook wants it: it must reach the outbox either way.
    const item = await createItem(developer, svc.id, { title: "Moves" });
    await moveItem(developer, item.id, { toStageId: svc.deploy, expectedVersion: item.version });
    expect((await deliveriesOf(webhook.id)).map((d) => d.eventType)).toEqual(["item.moved"]);

    await updateWebhook(master, webhook.id, { expectedVersion: webhook.version, enabled: false });
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "While paused" });
    expect(await deliveriesOf(webhook.id)).toHaveLength(1);
  });
});

describe("a receiver that fails", () => {
  it("fails then recovers: retried after 10 s and 20 s, delivered on the third attempt, each attempt in the log", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "Flaky", url: receiver.url, eventTypes: ["andon.pulled"] });
    receiver.answer = (n) => ({ status: n <= 2 ? 503 : 200 });
    const attempts = async () =>
      Object.fromEntries((await metrics().webhookAttempts.get()).values.map((v) => [String(v.labels.outcome), v.value]));
    const countedBefore = await attempts();
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Stop" });
    const t0 = new Date();

    await deliverAt(t0);
    let [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 1, lastStatusCode: 503 });
    expect(d!.lastError).toContain("HTTP 503: receiver is down for maintenance");
    expect(d!.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(10_000);
    expect(d!.nextAttemptAt.getTime() - t0.getTime()).toBeLessThan(11_000);

    // not due yet: nothing is sent
    await deliverAt(new Date(t0.getTime() + 9_000));
    expect(receiver.received).toHaveLength(1);

    const t1 = new Date(t0.getTime() + 10_500);
    await deliverAt(t1);
    [d] = await deliveriesOf(webhook.id);
    expect(d).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(d!.nextAttemptAt.getTime() - t1.getTime()).toBeGreaterThanOrEqual(20_000);

    await deliverAt(new Date(t1.getTime() + 21_000));
    [d] = await deliveriesOf(webhook.id);
    expect(receiver.received).toHaveLength(3);
    expect(d).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatusCode: 200, lastError: null });
    expect(d!.attemptLog.map((a) => [a.number, a.statusCode, a.ok])).toEqual([
      [1, 503, false],
      [2, 503, false],
      [3, 200, true],
    ]);
    // Prometheus counts them by outcome (obeya_webhook_attempts_total)
    const counted = await attempts();
    expect((counted.retry ?? 0) - (countedBefore.retry ?? 0)).toBe(2);
    expect((counted.delivered ?? 0) - (countedBefore.delivered ?? 0)).toBe(1);
    // the same body each time: receivers deduplicate by service and seq
    expect(new Set(receiver.received.map((r) => JSON.parse(r.body).event.seq)).size).toBe(1);

    // the log as the Service Master reads it
    const log = await listWebhookDeliveries(master, webhook.id);
    expect(log.deliveries[0]).toMatchObject({ status: "DELIVERED", attempts: 3, nextAttemptAt: null });
    expect(log.deliveries[0]!.attemptLog).toHaveLength(3);
    expect((await listWebhooks(master, svc.id)).webhooks[0]).toMatchObject({ pending: 0, failed: 0 });
  });

  it("down: the command succeeds at once; attempts record the refused connection and it gives up after the last", async () => {
    const svc = await newService();
    const down = await new Receiver().start();
    await down.stop(); // nothing listens on its port any more
    const { webhook } = await createWebhook(master, svc.id, { name: "Down", url: down.url, eventTypes: ["andon.pulled"] });
    const andon = await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Receiver down" });
    expect(andon.id).toBeTruthy();
    expect(await db.andon.count({ where: { id: andon.id } })).toBe(1);

    let at = new Date();
    for (let i = 1; i <= WEBHOOK_MAX_ATTEMPTS; i++) {
      await deliverAt(at);
      const [d] = await deliveriesOf(webhook.id);
      expect(d!.attempts).toBe(i);
      expect(d!.lastError).toMatch(/ECONNREFUSED|fetch failed/);
      expect(d!.status).toBe(i < WEBHOOK_MAX_ATTEMPTS ? "PENDING" : "FAILED");
      at = new Date(d!.nextAttemptAt.getTime() + 1);
    }
    expect((await listWebhooks(master, svc.id)).webhooks[0]).toMatchObject({ pending: 0, failed: 1 });
    // a FAILED delivery is never claimed again
    expect((await deliverAt(new Date(at.getTime() + 24 * 3600_000))).claimed).toBe(0);
  });

  it("slow: with the worker running, the command returns long before the receiver answers", async () => {
    const svc = await newService();
    await createWebhook(master, svc.id, { name: "Slow", url: receiver.url, eventTypes: ["andon.pulled"] });
    receiver.answer = () => ({ status: 200, delayMs: 1_500 });
    startWebhookWorker(60_000);
    try {
      const t = performance.now();
      await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Slow receiver" });
      const commandMs = performance.now() - t;
      // the kicked worker has sent it (the receiver holds the answer), the command has long returned
      await expect.poll(() => receiver.received.length, { timeout: 5_000 }).toBe(1);
      expect(commandMs).toBeLessThan(1_000);
    } finally {
      await stopWebhookWorker();
    }
  });
});

describe("claims across instances", () => {
  it("two senders running at once send each delivery exactly once", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "Once", url: receiver.url, eventTypes: ["andon.pulled", "andon.released", "problem.opened"] });
    for (let i = 0; i < 3; i++) await pullAndon(developer, svc.id, { stageId: i % 2 ? svc.dev : svc.deploy, reason: `Stop ${i}` }).catch(() => undefined);
    const queued = await deliveriesOf(webhook.id);
    expect(queued.length).toBeGreaterThanOrEqual(4);
    const now = new Date();
    const [a, b] = await Promise.all([deliverAt(now), deliverAt(now)]);
    const mine = receiver.received.filter((r) => queued.some((q) => q.id === r.headers["x-obeya-delivery"]));
    expect(mine).toHaveLength(queued.length);
    expect(new Set(mine.map((r) => r.headers["x-obeya-delivery"])).size).toBe(queued.length);
    expect(a.claimed + b.claimed).toBeGreaterThanOrEqual(queued.length);
  });
});

describe("replay and permissions", () => {
  it("the Service Master replays a delivery: a new delivery of the same body, the original kept as it was", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "Replay", url: receiver.url, eventTypes: ["andon.pulled"] });
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Replay me" });
    await deliverAt(new Date());
    const [original] = await deliveriesOf(webhook.id);
    const replay = await replayWebhookDelivery(master, original!.id);
    expect(replay).toMatchObject({ status: "PENDING", attempts: 0, replayOfId: original!.id, eventSeq: original!.eventSeq });
    await deliverAt(new Date());
    expect(receiver.received).toHaveLength(2);
    expect(JSON.parse(receiver.received[1]!.body)).toEqual(JSON.parse(receiver.received[0]!.body));
    const after = await deliveriesOf(webhook.id);
    expect(after.map((d) => [d.id === original!.id, d.status, d.attempts])).toEqual([
      [true, "DELIVERED", 1],
      [false, "DELIVERED", 1],
    ]);
  });

  it("a developer may not configure, read the log or replay (403); deleting removes the log; the secret is answered once", async () => {
    const svc = await newService();
    const { webhook, secret } = await createWebhook(master, svc.id, { name: "Mine", url: receiver.url, eventTypes: ["andon.pulled"] });
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Stop" });
    const [d] = await deliveriesOf(webhook.id);
    const forbidden = { code: "FORBIDDEN" };
    await expect(createWebhook(developer, svc.id, { name: "X", url: receiver.url, eventTypes: ["andon.pulled"] })).rejects.toMatchObject(forbidden);
    await expect(listWebhooks(developer, svc.id)).rejects.toMatchObject(forbidden);
    await expect(updateWebhook(developer, webhook.id, { expectedVersion: 1, enabled: false })).rejects.toMatchObject(forbidden);
    await expect(listWebhookDeliveries(developer, webhook.id)).rejects.toMatchObject(forbidden);
    await expect(replayWebhookDelivery(developer, d!.id)).rejects.toMatchObject(forbidden);
    await expect(deleteWebhook(developer, webhook.id)).rejects.toMatchObject(forbidden);
    expect(await db.webhookDelivery.count({ where: { subscriptionId: webhook.id } })).toBe(1);

    // Over HTTP: 403 for the developer, the list for the Service Master without any secret.
    const devCookie = await sessionCookie(developerUserId);
    const refused = await call(createWebhookRoute, "POST", "/api/v1/services/{serviceId}/webhooks", {
      params: { serviceId: svc.id },
      cookie: devCookie,
      body: { name: "X", url: receiver.url, eventTypes: ["andon.pulled"] },
    });
    expect(refused.status).toBe(403);
    const masterUser = await db.user.findUniqueOrThrow({ where: { id: master.kind === "user" ? master.userId : "" } });
    const listed = await call(listWebhooksRoute, "GET", "/api/v1/services/{serviceId}/webhooks", { params: { serviceId: svc.key }, cookie: await sessionCookie(masterUser.id) });
    expect(listed.status).toBe(200);
    expectContract(listWebhooksRoute.operation, 200, listed.body);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.webhooks[0]).not.toHaveProperty("secret");

    await deleteWebhook(master, webhook.id);
    expect(await db.webhookDelivery.count({ where: { subscriptionId: webhook.id } })).toBe(0);
  });

  it("refuses what is not an http(s) URL and an empty event list, naming the field", async () => {
    const svc = await newService();
    await expect(createWebhook(master, svc.id, { name: "Bad", url: "file:///etc/passwd", eventTypes: ["andon.pulled"] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { issues: [expect.objectContaining({ path: "url" })] },
    });
    await expect(createWebhook(master, svc.id, { name: "Bad", url: receiver.url, eventTypes: [] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await db.webhookSubscription.count({ where: { serviceId: svc.id } })).toBe(0);
  });

  it("a stale version is refused with the webhook as it is now; a retired service takes no new webhook nor replay", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "V", url: receiver.url, eventTypes: ["andon.pulled"] });
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Before retiring" });
    const [d] = await deliveriesOf(webhook.id);
    const renamed = await updateWebhook(master, webhook.id, { expectedVersion: 1, name: "Renamed" });
    expect(renamed).toMatchObject({ name: "Renamed", version: 2 });
    await expect(updateWebhook(master, webhook.id, { expectedVersion: 1, enabled: false })).rejects.toMatchObject({
      code: "VERSION_CONFLICT",
      details: { current: { name: "Renamed", version: 2, enabled: true } },
    });

    const eol = { conditions: "", plan: "Moved" };
    const version = async () => (await db.service.findUniqueOrThrow({ where: { id: svc.id }, select: { version: true } })).version;
    await decideEndOfLife(master, svc.id, { decision: "RETIRE", date: new Date().toISOString(), ...eol, expectedVersion: await version() });
    await decideEndOfLife(master, svc.id, { decision: "RETIRED", ...eol, expectedVersion: await version() });
    const retired = { code: "RULE_VIOLATION", details: { rule: "SERVICE_RETIRED" } };
    await expect(createWebhook(master, svc.id, { name: "Late", url: receiver.url, eventTypes: ["andon.pulled"] })).rejects.toMatchObject(retired);
    await expect(replayWebhookDelivery(master, d!.id)).rejects.toMatchObject(retired);
    // reading the log and deleting stay possible
    expect((await listWebhookDeliveries(master, webhook.id)).deliveries).toHaveLength(1);
  });
});

describe("the log's retention", () => {
  it("deletes finished deliveries older than 30 days with their attempts, and never a pending one", async () => {
    const svc = await newService();
    const { webhook } = await createWebhook(master, svc.id, { name: "Old", url: receiver.url, eventTypes: ["andon.pulled", "problem.opened"] });
    await pullAndon(developer, svc.id, { stageId: svc.deploy, reason: "Long ago" });
    const [first, second] = await deliveriesOf(webhook.id);
    await deliverAt(new Date());
    // one finished long ago, one still pending from long ago
    const old = new Date(Date.now() - 31 * 86_400_000);
    await db.webhookDelivery.update({ where: { id: first!.id }, data: { createdAt: old } });
    await db.webhookDelivery.update({ where: { id: second!.id }, data: { createdAt: old, status: "PENDING" } });
    expect(await db.webhookAttempt.count({ where: { deliveryId: first!.id } })).toBe(1);
    expect(await pruneWebhookLog()).toBe(1);
    expect((await deliveriesOf(webhook.id)).map((d) => d.id)).toEqual([second!.id]);
    expect(await db.webhookAttempt.count({ where: { deliveryId: first!.id } })).toBe(0);
    // a younger finished one stays
    await db.webhookDelivery.update({ where: { id: second!.id }, data: { createdAt: new Date(), status: "DELIVERED" } });
    expect(await pruneWebhookLog()).toBe(0);
  });
});
