import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { DND_SERVICE } from "./support/accounts";
import { card, column, createItem, dragCardTo, dragHandle, openAs, uniqueTitle, waitLive, wallSnapshot } from "./support/session";

// Drag and drop on the value-stream wall, on the e2e-dnd service (fixture.ts): Intake → Analysis
// (done-criteria: "Acceptance criteria written", "Risks assessed") → Build (WIP limit 1) → Release.
const WALL = `/services/${DND_SERVICE.key}`;

const inColumn = (page: Page, stageKey: string, title: string) =>
  column(page, stageKey).getByTestId("item-card").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

// Serious and critical WCAG 2.1 A/AA violations axe finds (as accessibility.spec.ts checks the wall).
async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

test("a card dragged with the pointer in one browser moves in another without a reload; a viewer gets no grip", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const viewer = await openAs(browser, "viewer", WALL);
  await Promise.all([waitLive(alice), waitLive(viewer)]);
  await markNoReload(viewer);
  const title = uniqueTitle("Drag me");
  await createItem(alice, DND_SERVICE.key, title);
  await expect(inColumn(alice, "intake", title)).toBeVisible();
  await expect(inColumn(viewer, "intake", title)).toBeVisible();
  await expect(dragHandle(viewer, title)).toHaveCount(0);
  await expect(card(viewer, title).getByRole("combobox")).toHaveCount(0);

  await dragCardTo(alice, title, "analysis");
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await expect(inColumn(alice, "intake", title)).toHaveCount(0);
  await expect(inColumn(viewer, "analysis", title)).toBeVisible();
  await expect(inColumn(viewer, "intake", title)).toHaveCount(0);
  await expectNotReloaded(viewer);
  // The server has it too: a fresh load shows the card where it was dropped.
  await alice.reload();
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await alice.context().close();
  await viewer.context().close();
});

test("a keyboard-only move: focus the grip, Space, ArrowRight, Space — announced, and it reaches another browser", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const bob = await openAs(browser, "bob", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  const title = uniqueTitle("Keyboard drag");
  await createItem(alice, DND_SERVICE.key, title);
  await expect(inColumn(alice, "intake", title)).toBeVisible();

  await dragHandle(alice, title).focus();
  await alice.keyboard.press("Space");
  const live = alice.locator('[id^="DndLiveRegion"]');
  await expect(live).toContainText(`Picked up “${title}” in Intake`);
  await alice.keyboard.press("ArrowRight");
  await expect(live).toContainText(`“${title}” is over Analysis`);
  await alice.keyboard.press("Space");
  await expect(live).toContainText(`“${title}” was dropped on Analysis`);

  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await expect(inColumn(bob, "analysis", title)).toBeVisible();
  await expect(inColumn(bob, "intake", title)).toHaveCount(0);

  // Escape cancels a pick-up: the card stays. (A card cannot be picked up while its move is in flight.)
  await expect(card(alice, title)).not.toHaveAttribute("aria-busy", "true");
  await dragHandle(alice, title).focus();
  await alice.keyboard.press("Enter");
  await alice.keyboard.press("ArrowLeft");
  await alice.keyboard.press("Escape");
  await expect(live).toContainText("was cancelled");
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await alice.context().close();
  await bob.context().close();
});

test("an unfinished card dragged out of a stage with done-criteria is refused by JKK: the notice names what is missing and the card goes back", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  await waitLive(alice);
  const title = uniqueTitle("Half done");
  await createItem(alice, DND_SERVICE.key, title, { stageKey: "analysis" });
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  // The card says what it still misses before anyone tries.
  await expect(card(alice, title).getByTestId("card-jkk")).toHaveText("JKK 0/2");
  await expect(card(alice, title).getByTestId("card-jkk-missing")).toContainText("Acceptance criteria written");

  await dragCardTo(alice, title, "build");
  const alert = alice.getByRole("alert").filter({ hasText: title });
  await expect(alert).toContainText("cannot leave Analysis");
  await expect(alert).toContainText("Missing: Acceptance criteria written; Risks assessed");
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await expect(inColumn(alice, "build", title)).toHaveCount(0);
  await alice.context().close();
});

test("a move into a stage at its WIP limit offers an expedite: cancel puts the card back, a reason moves it with an Expedite badge", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const bob = await openAs(browser, "bob", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  // Build's limit is 1: one item there puts it at its limit, whatever ran before.
  await createItem(alice, DND_SERVICE.key, uniqueTitle("Filling Build"), { stageKey: "build" });
  const title = uniqueTitle("Hotfix");
  // In Analysis with its criteria met, so the next stage (Build) is the one at its limit.
  const hotfix = await createItem(alice, DND_SERVICE.key, title, { kind: "DEFECT", stageKey: "analysis" });
  const { stages } = await wallSnapshot(alice.request, DND_SERVICE.key);
  const analysis = stages.find((s) => s.key === "analysis") as unknown as { doneCriteria: { id: string }[] };
  for (const c of analysis.doneCriteria) {
    const ticked = await alice.request.put(`/api/v1/items/${hotfix.id}/criteria/${c.id}`, { data: { done: true } });
    expect(ticked.status(), await ticked.text()).toBe(200);
  }
  await expect(card(alice, title).getByTestId("card-jkk")).toHaveText("JKK 2/2");
  await expect(inColumn(alice, "analysis", title)).toBeVisible();

  await dragCardTo(alice, title, "build");
  const dialog = alice.getByRole("dialog", { name: "Move anyway as an expedite?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/Build is at its WIP limit \d+\/1/);
  expect(await seriousViolations(alice)).toEqual([]);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await expect(alice.getByRole("alert").filter({ hasText: title })).toContainText("Move cancelled");

  await dragCardTo(alice, title, "build");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason for the expedite").fill("Customer outage, P1");
  await dialog.getByRole("button", { name: "Expedite" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(inColumn(alice, "build", title)).toBeVisible();
  await expect(card(alice, title).getByTestId("card-expedite")).toHaveText(/expedite/i);
  await expect(card(alice, title).getByTestId("card-expedite-reason")).toHaveText("Expedite: Customer outage, P1");
  await expect(inColumn(bob, "build", title)).toBeVisible();
  await alice.context().close();
  await bob.context().close();
});

test("swimlanes by kind: rows of lanes across the stages, chosen with the keyboard and remembered", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  await waitLive(alice);
  const title = uniqueTitle("Lane defect");
  await createItem(alice, DND_SERVICE.key, title, { kind: "DEFECT" });
  await expect(card(alice, title)).toBeVisible();
  const byKind = alice.getByRole("radio", { name: "By kind" });
  await alice.getByRole("radio", { name: "None" }).focus();
  await alice.keyboard.press("ArrowRight");
  await expect(byKind).toBeChecked();
  await expect(alice.getByTestId("lane-label")).toHaveText([/^Feature/, /^RfC/, /^Maintenance/, /^Defect/, /^Improvement/]);
  await expect(column(alice, "intake").getByRole("list", { name: "Defect items in Intake" }).getByRole("heading", { name: title })).toBeVisible();
  expect(await seriousViolations(alice)).toEqual([]);
  await alice.reload();
  await expect(alice.getByRole("radio", { name: "By kind" })).toBeChecked();
  await expect(alice.getByTestId("lane-label")).toHaveCount(5);
  await alice.getByTestId("lanes-toggle").getByText("None", { exact: true }).click();
  await expect(alice.getByTestId("lane-label")).toHaveCount(0);
  await alice.context().close();
});

test("a long column is virtualised, cards scroll in, and a card dropped upstream asks for the defect and is sent back", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const { service, stages } = await wallSnapshot(alice.request, DND_SERVICE.key);
  const archiveId = stages.find((s) => s.key === "archive")!.id;
  const prefix = uniqueTitle("Bulk");
  for (let i = 0; i < 45; i++) {
    const res = await alice.request.post(`/api/v1/services/${service.id}/items`, { data: { title: `${prefix} #${i}`, stageId: archiveId } });
    expect(res.status()).toBe(201);
  }
  await alice.reload();
  await waitLive(alice);
  const archive = column(alice, "archive");
  const scroller = archive.locator('[data-virtualized="true"]');
  await expect(scroller).toHaveCount(1);
  await expect(archive.getByTestId("item-card").first()).toBeVisible();
  const inDom = await archive.getByTestId("item-card").count();
  expect(inDom).toBeGreaterThan(0);
  expect(inDom).toBeLessThan(30);
  await expect(card(alice, `${prefix} #44`)).toHaveCount(0);
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(card(alice, `${prefix} #44`)).toBeVisible();

  // Back upstream: a rejection, which needs the defect found.
  const title = `${prefix} #44`;
  await dragCardTo(alice, title, "release");
  const dialog = alice.getByRole("dialog", { name: "Send back to Release?" });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Defect found").fill("Release notes missing");
  await dialog.getByRole("button", { name: "Send back" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(inColumn(alice, "release", title)).toBeVisible();
  await expect(card(alice, title)).toContainText("Sent back: Release notes missing");
  await alice.context().close();
});

test("a card dragged into a stage whose andon is pulled is refused: the notice says the line is stopped there", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  await waitLive(alice);
  const { service, stages } = await wallSnapshot(alice.request, DND_SERVICE.key);
  const archiveId = stages.find((s) => s.key === "archive")!.id;
  const title = uniqueTitle("Stopped line");
  await createItem(alice, DND_SERVICE.key, title, { stageKey: "release" });
  await expect(inColumn(alice, "release", title)).toBeVisible();
  const pulled = await alice.request.post(`/api/v1/services/${service.id}/andons`, { data: { stageId: archiveId, reason: "Archive job failing" } });
  expect(pulled.status(), await pulled.text()).toBe(201);
  const { id: andonId } = (await pulled.json()) as { id: string };
  try {
    await dragCardTo(alice, title, "archive");
    const alert = alice.getByRole("alert").filter({ hasText: title });
    await expect(alert).toContainText("the line is stopped at Archive");
    await expect(inColumn(alice, "release", title)).toBeVisible();
    await expect(inColumn(alice, "archive", title)).toHaveCount(0);
  } finally {
    // Restart the line for whatever runs next on this service.
    const released = await alice.request.post(`/api/v1/andons/${andonId}/release`, { data: { countermeasure: "Job fixed" } });
    expect(released.status(), await released.text()).toBe(200);
  }
  await alice.context().close();
});

test("a card cannot skip a stage: the Move menu offers only the next stage downstream, a drop further on is refused before any request, and the API says why", async ({
  browser,
}) => {
  const alice = await openAs(browser, "alice", WALL);
  await waitLive(alice);
  const title = uniqueTitle("No shortcuts");
  const item = await createItem(alice, DND_SERVICE.key, title);
  await expect(inColumn(alice, "intake", title)).toBeVisible();

  // The menu: Analysis (next) is offered; Build and Release are listed disabled, with the reason.
  const menu = card(alice, title).getByRole("combobox", { name: `Move “${title}” to another stage` });
  await expect(menu.getByRole("option", { name: "Analysis", exact: true })).toBeEnabled();
  await expect(menu.getByRole("option", { name: "Build — skips Analysis" })).toBeDisabled();
  await expect(menu.getByRole("option", { name: "Release — skips Analysis, Build" })).toBeDisabled();

  // A drop on Release: refused on the spot, nothing sent, the card stays in Intake.
  let moveRequests = 0;
  alice.on("request", (r) => {
    if (/\/api\/v1\/items\/[^/]+\/move$/.test(r.url())) moveRequests++;
  });
  await dragCardTo(alice, title, "release");
  const alert = alice.getByRole("alert").filter({ hasText: title });
  await expect(alert).toContainText(`“${title}” cannot go from Intake to Release: it would skip Analysis, Build.`);
  await expect(alert).toContainText("one stage at a time");
  await expect(inColumn(alice, "intake", title)).toBeVisible();
  await expect(inColumn(alice, "release", title)).toHaveCount(0);
  expect(moveRequests).toBe(0);

  // Around the UI: the server refuses it too, with the rule and a sentence, and writes nothing.
  const { stages } = await wallSnapshot(alice.request, DND_SERVICE.key);
  const res = await alice.request.post(`/api/v1/items/${item.id}/move`, {
    data: { toStageId: stages.find((s) => s.key === "release")!.id, expectedVersion: item.version },
  });
  expect(res.status()).toBe(422);
  const body = (await res.json()) as { error: { code: string; message: string; details: { rule: string; skipped: string[] } } };
  expect(body.error).toMatchObject({ code: "RULE_VIOLATION", details: { rule: "SKIP_REFUSED", skipped: ["Analysis", "Build"] } });
  expect(body.error.message).toBe("Intake → Release would skip Analysis, Build: a card moves downstream one stage at a time (next: Analysis).");
  await alice.reload();
  await expect(inColumn(alice, "intake", title)).toBeVisible();

  // The next stage goes through.
  await menu.selectOption({ label: "Analysis" });
  await expect(inColumn(alice, "analysis", title)).toBeVisible();
  await alice.context().close();
});
