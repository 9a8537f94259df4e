// TV mode: /tv/<service>?token=<wall-display token>, in a browser with no session at all, as an
// office TV runs it. Changes by members reach it live; it has no control of any kind; it gets
// over a lost connection by itself without reloading the page; an andon floods it red.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "./support/test";
import { FLOW_SERVICE, HIDDEN_SERVICE } from "./support/accounts";
import { createItem, openAs, uniqueTitle, wallSnapshot } from "./support/session";
import { cuttableSocket, expectNotReloaded, markNoReload } from "./support/network";

async function wallToken(request: APIRequestContext, serviceKey: string): Promise<string> {
  const { service } = await wallSnapshot(request, serviceKey);
  const res = await request.post(`/api/v1/services/${service.id}/tokens`, { data: { kind: "WALL", name: `TV ${uniqueTitle("e2e")}` } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { secret: string }).secret;
}

/** Moves an item through the API with the page's session (the TV spec does not depend on the wall's drag UI). */
async function moveTo(page: Page, itemId: string, version: number, stageKey: string) {
  const { stages } = await wallSnapshot(page.request, FLOW_SERVICE.key);
  const res = await page.request.post(`/api/v1/items/${itemId}/move`, {
    data: { toStageId: stages.find((s) => s.key === stageKey)!.id, expectedVersion: version },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { id: string; version: number };
}

const tvColumn = (tv: Page, stageKey: string) => tv.locator(`[data-testid="tv-column"][data-stage-key="${stageKey}"]`);
const tvCard = (tv: Page, stageKey: string, title: string) => tvColumn(tv, stageKey).getByTestId("tv-card").filter({ hasText: title });
const visibleWall = (tv: Page) => tv.locator('[data-testid="tv-wall"]:visible');

async function openTv(page: Page, path: string) {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(path);
  await expect(visibleWall(page).getByTestId("tv-status")).toHaveAttribute("data-status", "live");
  await markNoReload(page);
}

test("a TV with a wall token shows the wall live, with big type and no controls", async ({ browser }) => {
  const admin = await openAs(browser, "admin", "/");
  const bob = await openAs(browser, "bob", "/");
  const secret = await wallToken(admin.request, FLOW_SERVICE.key);

  const tv = await (await browser.newContext()).newPage();
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(secret)}`);
  await expect(tv.getByRole("heading", { level: 1, name: FLOW_SERVICE.name })).toBeVisible();
  // Read-only: nothing to press, pick or type into; no session in this browser.
  for (const role of ["button", "combobox", "textbox", "link", "checkbox"] as const) await expect(tv.getByRole(role)).toHaveCount(0);
  await expect(tv.getByTestId("signed-in-as")).toHaveCount(0);

  const title = uniqueTitle("On the TV");
  // Created just upstream of Development: a card moves one stage at a time.
  const item = await createItem(bob, FLOW_SERVICE.key, title, { stageKey: "requirements" });
  await expect(tvCard(tv, "requirements", title)).toBeVisible();
  await moveTo(bob, item.id, item.version, "development");
  await expect(tvCard(tv, "development", title)).toBeVisible();
  await expect(tvCard(tv, "requirements", title)).toHaveCount(0);

  // Readable from 4 m on a 1080p TV: the service name ≥ 40 px, stage names and cards ≥ 20 px.
  const px = (l: ReturnType<Page["locator"]>) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await px(tv.getByRole("heading", { level: 1 }))).toBeGreaterThanOrEqual(40);
  expect(await px(tvColumn(tv, "development").getByRole("heading", { level: 2 }))).toBeGreaterThanOrEqual(20);
  expect(await px(tvCard(tv, "development", title))).toBeGreaterThanOrEqual(20);
  await tv.screenshot({ path: test.info().outputPath("tv-live.png") });
  await expectNotReloaded(tv);
  await Promise.all([admin.context().close(), bob.context().close(), tv.context().close()]);
});

test("a TV that lost its connection catches up by itself, without reloading the page", async ({ browser }) => {
  const admin = await openAs(browser, "admin", "/");
  const bob = await openAs(browser, "bob", "/");
  const secret = await wallToken(admin.request, FLOW_SERVICE.key);
  const tv = await (await browser.newContext()).newPage();
  const socket = await cuttableSocket(tv);
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(secret)}`);

  await socket.cut();
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "reconnecting");
  const title = uniqueTitle("Missed by the TV");
  const item = await createItem(bob, FLOW_SERVICE.key, title);
  await moveTo(bob, item.id, item.version, "marketing");
  await expect(tv.getByTestId("tv-card").filter({ hasText: title })).toHaveCount(0);

  socket.restore();
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  await expect(tvCard(tv, "marketing", title)).toBeVisible();
  await expect(tvCard(tv, "strategy", title)).toHaveCount(0);
  await expectNotReloaded(tv);
  await Promise.all([admin.context().close(), bob.context().close(), tv.context().close()]);
});

test("a TV too far behind to replay loads a fresh snapshot in place, with its token, and stays live", async ({ browser }) => {
  // playwright.config.ts starts the server with REPLAY_LIMIT=5.
  const admin = await openAs(browser, "admin", "/");
  const bob = await openAs(browser, "bob", "/");
  const secret = await wallToken(admin.request, FLOW_SERVICE.key);
  const tv = await (await browser.newContext()).newPage();
  const socket = await cuttableSocket(tv);
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(secret)}`);

  await socket.cut();
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "reconnecting");
  const titles = Array.from({ length: 7 }, (_, i) => uniqueTitle(`TV burst ${i + 1}`));
  for (const title of titles) await createItem(bob, FLOW_SERVICE.key, title);
  const snapshotLoad = tv.waitForResponse((r) => /\/api\/v1\/services\/[^/]+\/wall$/.test(new URL(r.url()).pathname));
  socket.restore();
  const res = await snapshotLoad;
  expect(res.status()).toBe(200);
  // The TV has no session: the snapshot was read with the wall token.
  expect(res.request().headers()["authorization"]).toBe(`Bearer ${secret}`);
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  // Every missed item is counted in its stage (a column shows 7 cards, then "+N more").
  const wall = (await (await bob.request.get(`/api/v1/services/${FLOW_SERVICE.key}/wall`)).json()) as {
    items: { stageId: string }[];
    stages: { id: string; key: string }[];
  };
  const strategyId = wall.stages.find((st) => st.key === "strategy")!.id;
  const inStrategy = wall.items.filter((i) => i.stageId === strategyId).length;
  expect(inStrategy).toBeGreaterThanOrEqual(titles.length);
  const count = tvColumn(tv, "strategy").getByTestId("stage-count");
  await expect(count).toHaveText(new RegExp(`^${inStrategy}\\b`));
  // A TV cannot scroll: at most 7 cards, then "+N more" (earlier specs leave items here too).
  await expect(tvColumn(tv, "strategy").getByTestId("tv-card")).toHaveCount(Math.min(inStrategy, 7));
  if (inStrategy > 7) await expect(tvColumn(tv, "strategy").getByTestId("tv-more")).toHaveText(`+${inStrategy - 7} more`);
  await expectNotReloaded(tv);

  // Still live after the reload: the next item is counted at once.
  await createItem(bob, FLOW_SERVICE.key, uniqueTitle("After the TV reload"));
  await expect(count).toHaveText(new RegExp(`^${inStrategy + 1}\\b`));
  await Promise.all([admin.context().close(), bob.context().close(), tv.context().close()]);
});

test("an andon pulled by a member floods the TV red and shows on the stage until released", async ({ browser }) => {
  const admin = await openAs(browser, "admin", "/");
  const bob = await openAs(browser, "bob", "/");
  const secret = await wallToken(admin.request, FLOW_SERVICE.key);
  const tv = await (await browser.newContext()).newPage();
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(secret)}&sound=1`);
  // Sound needs a first interaction in the browser: the TV asks for it, in words, not a button.
  await expect(tv.getByTestId("tv-sound-hint")).toBeVisible();
  await tv.mouse.click(960, 540);
  await expect(tv.getByTestId("tv-sound-hint")).toHaveCount(0);

  const { service, stages } = await wallSnapshot(bob.request, FLOW_SERVICE.key);
  const stage = stages.find((s) => s.key === "maintenance")!;
  const reason = uniqueTitle("Backup job failing");
  const pulled = await bob.request.post(`/api/v1/services/${service.id}/andons`, { data: { stageId: stage.id, reason } });
  expect(pulled.status(), await pulled.text()).toBe(201);
  const andon = (await pulled.json()) as { id: string };

  try {
    await expect(tv.getByTestId("tv-andon-flash")).toBeVisible({ timeout: 2_000 });
    await expect(tv.getByTestId("tv-andon-flash")).toContainText(reason);
    await expect(tv.getByTestId("tv-andon-banner")).toContainText(`${stage.name}: ${reason}`);
    await expect(tvColumn(tv, "maintenance")).toHaveAttribute("data-andon", "true");
    // The stage header (the wall's own StageHeader, without its controls) says the line stopped there.
    await expect(tvColumn(tv, "maintenance").getByTestId("stage-andon")).toContainText(`Andon: ${reason}`);
    await tv.screenshot({ path: test.info().outputPath("tv-andon.png") });
    // The flash passes; the banner and the red stage stay while the andon is open.
    await expect(tv.getByTestId("tv-andon-flash")).toHaveCount(0, { timeout: 10_000 });
    await expect(tv.getByTestId("tv-andon-banner")).toBeVisible();
    // Readable for everyone: no automatically detectable WCAG 2.1 A/AA violation, andon included.
    const axe = await new AxeBuilder({ page: tv }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(axe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
  } finally {
    const released = await bob.request.post(`/api/v1/andons/${andon.id}/release`, { data: { countermeasure: "Restarted the job" } });
    expect(released.status(), await released.text()).toBe(200);
  }
  await expect(tv.getByTestId("tv-andon-banner")).toHaveCount(0);
  await expect(tvColumn(tv, "maintenance")).toHaveAttribute("data-andon", "false");
  await Promise.all([admin.context().close(), bob.context().close(), tv.context().close()]);
});

test("a TV rotates between the walls of its tokens, and jumps to a wall where an andon is pulled", async ({ browser }) => {
  const admin = await openAs(browser, "admin", "/");
  const flow = await wallToken(admin.request, FLOW_SERVICE.key);
  const hidden = await wallToken(admin.request, HIDDEN_SERVICE.key);
  const tv = await (await browser.newContext()).newPage();
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(flow)}&token=${encodeURIComponent(hidden)}&rotate=10`);
  await expect(visibleWall(tv)).toHaveAttribute("data-service-key", FLOW_SERVICE.key);
  await expect(visibleWall(tv)).toHaveAttribute("data-service-key", HIDDEN_SERVICE.key, { timeout: 15_000 });
  await expect(visibleWall(tv).getByTestId("tv-status")).toHaveAttribute("data-status", "live");

  // An andon on the wall not on screen brings it up at once.
  const { service, stages } = await wallSnapshot(admin.request, FLOW_SERVICE.key);
  const pulled = await admin.request.post(`/api/v1/services/${service.id}/andons`, {
    data: { stageId: stages.find((s) => s.key === "customer-service" || s.key === "maintenance")!.id, reason: uniqueTitle("Rotation andon") },
  });
  expect(pulled.status(), await pulled.text()).toBe(201);
  try {
    await expect(visibleWall(tv)).toHaveAttribute("data-service-key", FLOW_SERVICE.key, { timeout: 3_000 });
  } finally {
    await admin.request.post(`/api/v1/andons/${((await pulled.json()) as { id: string }).id}/release`, { data: { countermeasure: "Done" } });
  }
  await Promise.all([admin.context().close(), tv.context().close()]);
});

test("a TV rotates through a service's value stream, Kaizen wall and daily view, each live and readable", async ({ browser }) => {
  const admin = await openAs(browser, "admin", "/");
  const bob = await openAs(browser, "bob", "/");
  const secret = await wallToken(admin.request, FLOW_SERVICE.key);
  const tv = await (await browser.newContext()).newPage();
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(secret)}&walls=value-stream,kaizen,daily&rotate=10`);
  await expect(visibleWall(tv)).toHaveAttribute("data-service-key", FLOW_SERVICE.key);
  await expect(tv.getByTestId("tv-rotation")).toHaveText("Value stream · Kaizen · Daily");

  // The Kaizen wall comes next; a problem opened meanwhile shows there without a reload.
  // A whole turn is 30 s: each page shows within it, however slow the machine is meanwhile.
  const kaizen = tv.getByTestId("tv-kaizen");
  await expect(kaizen).toBeVisible({ timeout: 35_000 });
  await expect(kaizen.getByRole("heading", { level: 1 })).toHaveText(`${FLOW_SERVICE.name}: Kaizen`);
  const { service } = await wallSnapshot(bob.request, FLOW_SERVICE.key);
  const title = uniqueTitle("Seen on the TV's Kaizen wall");
  const opened = await bob.request.post(`/api/v1/services/${service.id}/problems`, { data: { title } });
  expect(opened.status(), await opened.text()).toBe(201);
  await expect(kaizen.locator('[data-testid="tv-pdca-column"][data-state="PLAN"]')).toContainText(title);
  const px = (l: ReturnType<Page["locator"]>) => l.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(await px(kaizen.getByTestId("tv-problem-card").first().locator("p").first())).toBeGreaterThanOrEqual(22);
  for (const role of ["button", "combobox", "textbox", "link", "checkbox"] as const) await expect(tv.getByRole(role)).toHaveCount(0);
  await tv.screenshot({ path: test.info().outputPath("tv-kaizen.png") });
  const scan = async () => (await new AxeBuilder({ page: tv }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations.map((v) => v.id);
  expect(await scan()).toEqual([]);

  // Then the daily view: the problem opened today is among the new ones.
  const daily = tv.getByTestId("tv-daily");
  await expect(daily).toBeVisible({ timeout: 35_000 });
  await expect(daily.locator('[aria-label="New problems"]')).toContainText(title);
  await tv.screenshot({ path: test.info().outputPath("tv-daily.png") });
  expect(await scan()).toEqual([]);
  await expectNotReloaded(tv);
  await Promise.all([admin.context().close(), bob.context().close(), tv.context().close()]);
});

test("the wall's header shows who is watching, each person once, and the TV as a display", async ({ browser }) => {
  // Four browsers and three bcrypt sign-ins: on a loaded machine this alone passed 90 s.
  test.setTimeout(180_000);
  const wall = `/services/${FLOW_SERVICE.key}`;
  const alice = await openAs(browser, "alice", wall);
  const bob = await openAs(browser, "bob", wall);
  const presence = alice.getByTestId("presence");
  await expect(presence).toHaveAttribute("data-people", "2");
  await expect(presence).toHaveAttribute("aria-label", "2 watching: Alice Developer, Bob Developer");
  await expect(presence).toContainText("AD");
  await expect(presence).toContainText("BD");

  // Bob's second tab is still one person; a TV on the wall is a display, not a person.
  const bob2 = await bob.context().newPage();
  await bob2.goto(wall);
  const admin = await openAs(browser, "admin", "/");
  const tv = await (await browser.newContext()).newPage();
  await openTv(tv, `/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(await wallToken(admin.request, FLOW_SERVICE.key))}`);
  await expect(presence).toHaveAttribute("aria-label", "2 watching: Alice Developer, Bob Developer (2 tabs); 1 TV display");
  await expect(presence).toContainText("1 TV");

  // Bob leaves (both tabs): Alice's header says so within a few seconds, without a reload.
  await bob.context().close();
  await expect(presence).toHaveAttribute("aria-label", "1 watching: Alice Developer; 1 TV display", { timeout: 5_000 });
  await alice.screenshot({ path: test.info().outputPath("wall-presence.png"), clip: { x: 0, y: 0, width: 1600, height: 200 } });
  await Promise.all([alice.context().close(), admin.context().close(), tv.context().close()]);
});
