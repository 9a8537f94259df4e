// Two instances, one wall, in a browser (issue 14.1): two of the app's own server.ts processes
// (the Playwright run's build) behind a real nginx, sharing the run's PostgreSQL database and the
// Redis on 127.0.0.1:6379 for the Socket.IO adapter (docs/decisions/010-two-instances-behind-a-proxy.md).
// PostgreSQL runs only (playwright.config.ts): several instances on one SQLite file is not a
// supported set-up. The integration test two-instances.pg.test.ts covers the same with raw clients.
import { expect, test, type Page } from "./support/test";
import { startProxiedInstances, type Instance, type ProxiedInstances } from "../support/instance/proxied-instances";
import { FLOW_SERVICE } from "./support/accounts";
import { expectNotReloaded, markNoReload } from "./support/network";
import { column, createItem, signIn, uniqueTitle, wallSnapshot } from "./support/session";

const WALL = `/services/${FLOW_SERVICE.key}`;
const METRICS_TOKEN = "e2e-two-instances-metrics-token";

let cluster: ProxiedInstances;

test.beforeAll(async () => {
  cluster = await startProxiedInstances({
    entry: "server",
    env: ({ proxyUrl }) => ({
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: process.env.E2E_DATABASE_URL!,
      REDIS_URL: "redis://127.0.0.1:6379",
      NEXTAUTH_URL: proxyUrl,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use",
      ALLOWED_ORIGINS: proxyUrl,
      TRUST_PROXY: "1",
      METRICS_TOKEN,
      LOG_LEVEL: "warn",
    }),
  });
});

test.afterAll(async () => {
  await cluster?.stop();
});

/** Open sockets on one instance, from its own Prometheus metrics. */
async function openSockets(instance: Instance): Promise<number> {
  const res = await fetch(`${instance.directUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  const line = (await res.text()).split("\n").find((l) => l.startsWith("obeya_sockets_open"));
  return Number(line?.split(" ").pop() ?? "0");
}

/** The instance holding the page's one wall socket (nginx chose it: round robin, no stickiness). */
async function instanceOf(page: Page): Promise<{ holder: Instance; other: Instance }> {
  let counts: number[] = [];
  await expect(async () => {
    counts = await Promise.all(cluster.instances.map(openSockets));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
  }).toPass({ timeout: 10_000 });
  const holder = cluster.instances[counts.indexOf(1)]!;
  return { holder, other: cluster.instances.find((i) => i !== holder)! };
}

const inColumn = (page: Page, stageKey: string, title: string) => column(page, stageKey).getByTestId("item-card").filter({ hasText: title });

test("a wall on one instance sees a move made through the other within a second, and survives its instance being killed", async ({ browser }) => {
  const aliceContext = await browser.newContext({ baseURL: cluster.proxyUrl });
  const alice = await aliceContext.newPage();
  await signIn(alice, "alice", WALL);
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  await markNoReload(alice);
  // Bob works through the API only, so the wall's socket is the only one in the cluster.
  const bobContext = await browser.newContext({ baseURL: cluster.proxyUrl });
  const bob = await bobContext.newPage();
  await signIn(bob, "bob");
  const { holder, other } = await instanceOf(alice);

  const title = uniqueTitle("Across instances");
  const item = await createItem(bob, FLOW_SERVICE.key, title, { stageKey: "requirements" });
  await expect(inColumn(alice, "requirements", title)).toBeVisible();
  const { stages } = await wallSnapshot(bob.request, FLOW_SERVICE.key);
  const stageId = (key: string) => stages.find((s) => s.key === key)!.id;

  // The move goes straight to the instance the wall is NOT on (a session cookie is not bound to a port).
  const moved = await bob.request.post(`${other.directUrl}/api/v1/items/${item.id}/move`, {
    data: { toStageId: stageId("development"), expectedVersion: item.version },
  });
  expect(moved.status(), await moved.text()).toBe(200);
  await expect(inColumn(alice, "development", title)).toBeVisible({ timeout: 1_000 });

  // The wall's instance dies without a goodbye; nginx sends the reconnect to the survivor.
  await cluster.kill(holder.name);
  await expect(alice.getByTestId("connection-status")).not.toHaveAttribute("data-status", "live");
  const again = await bob.request.post(`${other.directUrl}/api/v1/items/${item.id}/move`, {
    data: { toStageId: stageId("deployment"), expectedVersion: ((await moved.json()) as { version: number }).version },
  });
  expect(again.status(), await again.text()).toBe(200);
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  expect(await openSockets(other)).toBe(1);
  // Caught up with the move made while it was away, without reloading the page.
  await expect(inColumn(alice, "deployment", title)).toBeVisible();
  await expect(inColumn(alice, "development", title)).toHaveCount(0);
  await expectNotReloaded(alice);

  await aliceContext.close();
  await bobContext.close();
});
