// Jidoka on the value-stream wall: pulling the andon in one browser turns the stage red in a
// second browser within a second, the banner says why, the stopped stage refuses new items,
// and releasing it with a countermeasure turns it green again on both.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { card, column, moveCard, openAs, uniqueTitle, waitLive, wallSnapshot } from "./support/session";

const WALL = `/services/${FLOW_SERVICE.key}`;
// No other spec moves cards into Project planning: stopping it does not disturb them.
const STOPPED = { key: "planning", name: "Project planning" };
const UPSTREAM = { key: "administration", name: "Administration" };

// Two or three browsers signed in per test (bcrypt by design): on a busy machine that outlasts a minute.
test.describe.configure({ timeout: 180_000 });

/**
 * Starts recording, in the page, the moment (Date.now(), same machine clock as the test) the
 * element matching `selector` first shows up: a MutationObserver, so the time is when the DOM
 * changed, not when a poll happened to look.
 */
async function recordWhenShown(page: Page, key: string, selector: string): Promise<void> {
  await page.evaluate(
    ({ key, selector }) => {
      const w = window as unknown as { __shownAt?: Record<string, number> };
      w.__shownAt ??= {};
      delete w.__shownAt[key];
      const check = () => {
        if (w.__shownAt![key] === undefined && document.querySelector(selector)) {
          w.__shownAt![key] = Date.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
      check();
    },
    { key, selector },
  );
}

async function shownAt(page: Page, key: string): Promise<number> {
  await expect
    .poll(() => page.evaluate((k) => (window as unknown as { __shownAt?: Record<string, number> }).__shownAt?.[k] ?? null, key), { timeout: 5_000 })
    .not.toBeNull();
  return (await page.evaluate((k) => (window as unknown as { __shownAt: Record<string, number> }).__shownAt[k]!, key)) as number;
}

const stageHeader = (page: Page, key: string) => column(page, key).getByTestId("stage-header");

test("pulling the andon stops the stage on every wall within a second; releasing it with a countermeasure restarts it", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const bob = await openAs(browser, "bob", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);

  // A card just upstream of the stage that will stop.
  const snapshot = await wallSnapshot(alice.request, FLOW_SERVICE.key);
  const upstream = snapshot.stages.find((s) => s.key === UPSTREAM.key)!;
  const title = uniqueTitle("Campaign landing page");
  const created = await alice.request.post(`/api/v1/services/${snapshot.service.id}/items`, { data: { title, stageId: upstream.id } });
  expect(created.status(), await created.text()).toBe(201);
  await expect(card(bob, title)).toBeVisible();

  // Before: green, no banner.
  for (const page of [alice, bob]) {
    await expect(column(page, STOPPED.key)).toHaveAttribute("data-andon", "none");
    await expect(stageHeader(page, STOPPED.key)).toHaveAttribute("data-status", "green");
    await expect(stageHeader(page, STOPPED.key).getByTestId("stage-green")).toHaveText(/No problems/);
    await expect(page.getByTestId("andon-banner")).toHaveCount(0);
  }

  // Alice pulls the andon from the stage header, with a reason.
  const reason = `Customer data model unclear ${Math.random().toString(36).slice(2, 6)}`;
  await recordWhenShown(bob, "andon", `[data-testid="stage-column"][data-stage-key="${STOPPED.key}"][data-andon="open"]`);
  await column(alice, STOPPED.key).getByRole("button", { name: `Pull andon on ${STOPPED.name}` }).click();
  const dialog = alice.getByTestId("andon-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Reason (what is wrong)").fill(reason);
  const pulled = alice.waitForResponse((r) => r.url().endsWith(`/services/${snapshot.service.id}/andons`) && r.request().method() === "POST");
  await dialog.getByRole("button", { name: "Pull andon" }).click();
  const response = await pulled;
  const answeredAt = Date.now();
  expect(response.status(), await response.text()).toBe(201);
  await expect(dialog).toBeHidden();

  // The second browser: the stage went red within a second of the server's answer.
  const redAt = await shownAt(bob, "andon");
  console.log(`andon: stage red on the second wall ${redAt - answeredAt} ms after the POST answered`);
  expect(redAt - answeredAt, `stage red ${redAt - answeredAt} ms after the POST answered`).toBeLessThanOrEqual(1_000);
  for (const page of [bob, alice]) {
    await expect(column(page, STOPPED.key)).toHaveAttribute("data-andon", "open");
    await expect(stageHeader(page, STOPPED.key)).toHaveAttribute("data-status", "problems");
    await expect(stageHeader(page, STOPPED.key).getByTestId("stage-andon")).toContainText(`Andon: ${reason}`);
    const banner = page.getByTestId("andon-banner");
    await expect(banner).toContainText(`Line stopped at ${STOPPED.name}: ${reason}`);
    // The name comes with the snapshot the wall refetches on the event.
    await expect(banner).toContainText("pulled by Alice Developer");
    await expect(page.getByTestId("problem-board-stage").filter({ hasText: STOPPED.name })).toContainText(`Andon pulled: ${reason}`);
  }
  // For people to look at: the wall with the line stopped (test-results/<run>/…/wall-andon-open.png).
  await bob.screenshot({ path: test.info().outputPath("wall-andon-open.png") });
  // Red, white and bold, yet readable: no WCAG 2.1 AA violation axe can find on the stopped wall.
  const axe = await new AxeBuilder({ page: bob }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
    // The stopped column reads red to the eye too (not only an attribute).
  const background = (page: Page, key: string) => column(page, key).evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await background(bob, STOPPED.key)).not.toBe(await background(bob, UPSTREAM.key));

  // A stopped stage cannot be stopped twice: no second "Pull andon" on it.
  await expect(column(alice, STOPPED.key).getByRole("button", { name: `Pull andon on ${STOPPED.name}` })).toHaveCount(0);

  // The line is stopped: a move into the stage is refused, and the card stays upstream.
  await moveCard(alice, title, STOPPED.name);
  await expect(alice.getByRole("alert").filter({ hasText: title })).toContainText(`the line is stopped at ${STOPPED.name}`);
  await expect(column(alice, UPSTREAM.key).getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(bob, STOPPED.key).getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);

  // Alice opens the release from the stage header while Bob releases it from the banner.
  await column(alice, STOPPED.key).getByRole("button", { name: `Release the andon on ${STOPPED.name}` }).click();
  await expect(dialog).toContainText(`Pulled because: ${reason}`);
  await bob.getByTestId("andon-banner").getByRole("button", { name: `Release the andon on ${STOPPED.name}` }).click();
  const releaseDialog = bob.getByTestId("andon-dialog");
  await expect(releaseDialog).toContainText(`Pulled because: ${reason}`);
  await releaseDialog.getByLabel("Countermeasure taken").fill("Agreed the data model with sales; documented it in the VSM");
  const released = bob.waitForResponse((r) => /\/andons\/[^/]+\/release$/.test(r.url()) && r.request().method() === "POST");
  await releaseDialog.getByRole("button", { name: "Release andon" }).click();
  expect((await released).status()).toBe(200);
  // Green again on both walls.
  for (const page of [alice, bob]) {
    await expect(column(page, STOPPED.key)).toHaveAttribute("data-andon", "none", { timeout: 1_000 });
    await expect(stageHeader(page, STOPPED.key)).toHaveAttribute("data-status", "green");
    await expect(page.getByTestId("andon-banner")).toHaveCount(0);
  }
  // Alice's release comes second: the dialog says so clearly (a 409, not a 500 or silence).
  await dialog.getByLabel("Countermeasure taken").fill("Same fix");
  await dialog.getByRole("button", { name: "Release andon" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("The andon was released already.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();

  // And the line runs: the same move now goes through.
  await moveCard(alice, title, STOPPED.name);
  await expect(column(bob, STOPPED.key).getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  await alice.context().close();
  await bob.context().close();
});

test("a viewer sees the andon but gets no control to pull or release it", async ({ browser }) => {
  const viewer = await openAs(browser, "viewer", WALL);
  await waitLive(viewer);
  await expect(stageHeader(viewer, STOPPED.key)).toBeVisible();
  await expect(viewer.getByRole("button", { name: /^Pull andon/ })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Release the andon/ })).toHaveCount(0);
  // The API answers the same as the matrix: a viewer may not pull it.
  const { service, stages } = await wallSnapshot(viewer.request, FLOW_SERVICE.key);
  const stage = stages.find((s) => s.key === STOPPED.key)!;
  const refused = await viewer.request.post(`/api/v1/services/${service.id}/andons`, { data: { stageId: stage.id, reason: "I should not" } });
  expect(refused.status()).toBe(403);
  await viewer.context().close();
});

test("the andon on one card is pulled from its detail, stops its stage on another wall, and is released from there", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const bob = await openAs(browser, "bob", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  const snapshot = await wallSnapshot(alice.request, FLOW_SERVICE.key);
  const stage = snapshot.stages.find((s) => s.key === STOPPED.key)!;
  const title = uniqueTitle("Lead scoring rules");
  const created = await alice.request.post(`/api/v1/services/${snapshot.service.id}/items`, { data: { title, stageId: stage.id } });
  expect(created.status(), await created.text()).toBe(201);

  await card(alice, title).getByRole("link", { name: title }).click();
  const drawer = alice.getByRole("dialog");
  await drawer.getByRole("button", { name: "Pull andon on this item…" }).click();
  // The wall's own andon dialog opens above the drawer, naming the card.
  const dialog = alice.getByTestId("andon-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(title);
  const reason = `Scoring formula disputed ${Math.random().toString(36).slice(2, 6)}`;
  await dialog.getByLabel("Reason (what is wrong)").fill(reason);
  await dialog.getByRole("button", { name: "Pull andon" }).click();
  await expect(dialog).toBeHidden();

  await expect(column(bob, STOPPED.key)).toHaveAttribute("data-andon", "open");
  await expect(bob.getByTestId("andon-banner")).toContainText(reason);
  await expect(drawer.getByTestId("item-andon")).toContainText(`Andon pulled on this item`);
  await expect(drawer.getByTestId("item-andon")).toContainText(reason);

  await drawer.getByRole("button", { name: "Release andon…" }).click();
  await expect(dialog).toContainText(`Pulled because: ${reason}`);
  await dialog.getByLabel("Countermeasure taken").fill("Formula agreed with sales");
  await dialog.getByRole("button", { name: "Release andon" }).click();
  await expect(column(bob, STOPPED.key)).toHaveAttribute("data-andon", "none");
  await expect(drawer.getByRole("button", { name: "Pull andon on this item…" })).toBeVisible();
  await alice.context().close();
  await bob.context().close();
});
