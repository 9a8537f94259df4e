// A card's detail drawer in Chromium: opened by clicking the card's title (a ?item= deep link),
// it shows the fields, the stage's done-criteria and the history with a move just made; a
// criterion is ticked; the card is sent back upstream with a reason and the wall shows it there.
// A viewer sees the same detail without controls. Runs on its own service (created here by the
// e2e admin for the flow team), so its done-criteria do not change what other specs move.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { card, column, openAs, uniqueTitle, waitLive } from "./support/session";

test.describe.configure({ timeout: 180_000 });

type Svc = { id: string; key: string; stageIds: string[] };

async function detailService(browser: Browser): Promise<Svc> {
  const admin = await openAs(browser, "admin", "/");
  const list = (await (await admin.request.get("/api/v1/services")).json()) as { services: Array<{ key: string; team: { id: string } }> };
  const teamId = list.services.find((s) => s.key === FLOW_SERVICE.key)!.team.id;
  const key = `e2e-detail-${Math.random().toString(36).slice(2, 8)}`;
  const res = await admin.request.post("/api/v1/services", {
    data: {
      teamId,
      key,
      name: "E2E Detail Service",
      stages: [
        { key: "requirements", name: "Requirements", doneCriteria: ["User story written"] },
        { key: "development", name: "Development", doneCriteria: ["Code reviewed", "Build green"] },
        { key: "deployment", name: "Deployment" },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  const svc = (await res.json()) as Svc;
  await admin.context().close();
  return svc;
}

async function newItem(page: Page, svc: Svc, title: string) {
  const res = await page.request.post(`/api/v1/services/${svc.id}/items`, {
    data: { title, description: "Pay with a saved card on a phone.", kind: "FEATURE", businessValue: 800, costEstimate: 1200 },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; version: number };
}

const drawer = (page: Page) => page.getByRole("dialog");

test("open a card's detail from its title, tick a criterion, send it back upstream with a reason", async ({ browser }) => {
  const svc = await detailService(browser);
  const wall = `/services/${svc.key}`;
  const alice = await openAs(browser, "alice", wall);
  await waitLive(alice);
  const title = uniqueTitle("One-tap checkout");
  const item = await newItem(alice, svc, title);
  await expect(card(alice, title)).toBeVisible();

  // Requirements' criterion met, then the move: through the card's menu, as a person would.
  const tick = await alice.request.put(`/api/v1/items/${item.id}/criteria/${await criterionId(alice, item.id, "User story written")}`, {
    data: { done: true },
  });
  expect(tick.status()).toBe(200);
  await card(alice, title).getByRole("combobox", { name: `Move “${title}” to another stage` }).selectOption({ label: "Development" });
  await expect(column(alice, "development").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  await card(alice, title).getByRole("link", { name: title }).click();
  await expect(alice).toHaveURL(new RegExp(`[?&]item=${item.id}`));
  const d = drawer(alice);
  await expect(d).toBeVisible();
  await expect(d).toHaveAttribute("aria-modal", "true");
  await expect(d.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(d.getByTestId("field-description")).toHaveText("Pay with a saved card on a phone.");
  await expect(d.getByTestId("field-business-value")).toHaveText("800");
  await expect(d.getByTestId("item-fields")).toContainText("Development");
  // The history holds the move just made, by whom, in UTC.
  const moved = d.getByTestId("item-history").locator('li[data-type="item.moved"]');
  await expect(moved).toContainText("Alice Developer moved it from Requirements to Development");
  await expect(moved).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

  // Development's done-criteria as checkboxes: tick one.
  const reviewed = d.getByRole("checkbox", { name: /Code reviewed/ });
  await expect(reviewed).not.toBeChecked();
  await expect(d.getByTestId("criteria-summary")).toContainText("0 of 2 met");
  await reviewed.check();
  await expect(reviewed).toBeChecked();
  await expect(d.getByTestId("criteria-summary")).toContainText("1 of 2 met");
  await expect(d.getByText("met by Alice Developer")).toBeVisible();
  await expect(d.getByTestId("item-history").locator('li[data-type="item.criteria.checked"]').first()).toContainText("ticked “Code reviewed”");
  await expect(card(alice, title).getByTestId("card-jkk")).toHaveText("JKK 1/2");
  await alice.screenshot({ path: test.info().outputPath("item-drawer.png") });
  const axe = await new AxeBuilder({ page: alice }).include('[data-testid="item-drawer"]').withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Send it back upstream with the defect found.
  await d.getByRole("textbox", { name: "Defect found" }).fill("No acceptance criteria for saved cards");
  await expect(d.getByRole("combobox", { name: "Upstream stage" })).toHaveValue(svc.stageIds[0]!);
  await d.getByRole("button", { name: "Send back upstream" }).click();
  await expect(d.getByTestId("item-problems")).toContainText("Sent back by Development: No acceptance criteria for saved cards");
  await expect(d.getByTestId("item-fields")).toContainText("Requirements");
  await expect(d.getByTestId("item-history").locator('li[data-type="item.rejected"]')).toContainText(
    "sent it back from Development to Requirements: “No acceptance criteria for saved cards”",
  );

  // Escape closes the drawer and the parameter leaves the URL; the card is upstream with the reason.
  await alice.keyboard.press("Escape");
  await expect(d).toHaveCount(0);
  await expect(alice).not.toHaveURL(/item=/);
  const upstream = column(alice, "requirements").getByTestId("item-card").filter({ hasText: title });
  await expect(upstream).toBeVisible();
  await expect(upstream).toContainText("Sent back: No acceptance criteria for saved cards");
  await expect(card(alice, title).getByRole("link", { name: title })).toBeFocused();
  await alice.context().close();
});

test("a deep link opens the drawer; a viewer sees the detail without controls; the close button closes", async ({ browser }) => {
  const svc = await detailService(browser);
  const alice = await openAs(browser, "alice", `/services/${svc.key}`);
  const title = uniqueTitle("Read-only detail");
  const item = await newItem(alice, svc, title);
  await alice.request.post(`/api/v1/items/${item.id}/comments`, { data: { body: "Checked with the payment provider." } });
  const story = await alice.request.post("/api/v1/stories", {
    data: { kind: "TEST", itemId: item.id, title: "Saved card acceptance", testCases: [{ title: "Expired card refused", result: "FAILED" }, { title: "Valid card", result: "PASSED" }] },
  });
  expect(story.status(), await story.text()).toBe(201);

  const viewer = await openAs(browser, "viewer", `/services/${svc.key}`);
  await viewer.goto(`/services/${svc.key}?item=${item.id}`);
  const d = drawer(viewer);
  await expect(d.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(d.getByTestId("item-history")).toContainText("Alice Developer commented: “Checked with the payment provider.”");
  await expect(d.getByRole("checkbox", { name: /User story written/ })).toBeDisabled();
  await expect(d.getByTestId("story-counts")).toContainText("0 user · 1 test · 0 operations");
  await expect(d.getByTestId("story-counts")).toContainText("1 failing test");
  await expect(d.locator('li[data-result="FAILED"]')).toHaveText("Expired card refused: FAILED");
  await expect(d.getByRole("link", { name: "Stories on the backlog wall" })).toHaveAttribute("href", `/services/${svc.key}/backlog`);
  await d.getByTestId("item-history").scrollIntoViewIfNeeded();
  await viewer.screenshot({ path: test.info().outputPath("item-drawer-history.png") });
  // Live: a change by someone else reaches the open drawer without a reload.
  await waitLive(viewer);
  const blocked = await alice.request.put(`/api/v1/items/${item.id}/blocked`, { data: { expectedVersion: item.version, reason: "Sandbox down" } });
  expect(blocked.status()).toBe(200);
  await expect(d.getByTestId("item-problems")).toContainText("Blocked: Sandbox down");
  await expect(d.getByTestId("item-history").locator('li[data-type="item.blocked"]')).toContainText("Alice Developer blocked it: “Sandbox down”");
  await expect(d.getByRole("button", { name: "Edit details" })).toHaveCount(0);
  await expect(d.getByRole("button", { name: "Send back upstream" })).toHaveCount(0);
  await expect(d.getByRole("textbox", { name: "Comment" })).toHaveCount(0);
  await d.getByRole("button", { name: "Close item detail" }).click();
  await expect(d).toHaveCount(0);
  await expect(viewer).toHaveURL(new RegExp(`/services/${svc.key}$`));

  // An item of another team's service is as missing as one that does not exist.
  await viewer.goto(`/services/${svc.key}?item=no-such-item`);
  await expect(drawer(viewer)).toContainText("This item does not exist, or it belongs to a team you are not in.");
  await viewer.context().close();
  await alice.context().close();
});

test("editing details: a stale edit is refused with 409 and shows the other person's version", async ({ browser }) => {
  const svc = await detailService(browser);
  const alice = await openAs(browser, "alice", `/services/${svc.key}`);
  const title = uniqueTitle("Edit race");
  const item = await newItem(alice, svc, title);
  await alice.goto(`/services/${svc.key}?item=${item.id}`);
  const d = drawer(alice);
  await d.getByRole("button", { name: "Edit details" }).click();
  await d.getByRole("textbox", { name: "Business value" }).fill("950");

  // Bob edits the same item first, through the API.
  const bob = await openAs(browser, "bob", `/services/${svc.key}`);
  const res = await bob.request.patch(`/api/v1/items/${item.id}`, { data: { expectedVersion: item.version, title: `${title} (Bob)` } });
  expect(res.status()).toBe(200);

  await d.getByRole("button", { name: "Save" }).click();
  await expect(d.getByRole("alert")).toContainText("Someone else changed this item while you were editing");
  await expect(d.getByTestId("their-version")).toContainText(`${title} (Bob)`);
  // Saving again, knowingly, replaces theirs.
  await d.getByRole("button", { name: "Save" }).click();
  await expect(d.getByTestId("field-business-value")).toHaveText("950");
  await alice.context().close();
  await bob.context().close();
});

test("the keyboard alone opens the drawer, stays inside it, and Escape gives focus back to the card", async ({ browser }) => {
  const svc = await detailService(browser);
  const alice = await openAs(browser, "alice", `/services/${svc.key}`);
  await waitLive(alice);
  const title = uniqueTitle("Keyboard detail");
  await newItem(alice, svc, title);
  const link = card(alice, title).getByRole("link", { name: title });
  await link.focus();
  await alice.keyboard.press("Enter");
  const d = drawer(alice);
  await expect(d.getByRole("heading", { level: 2, name: title })).toBeVisible();
  await expect(d.getByRole("button", { name: "Edit details" })).toBeVisible();
  // The rest of the page is inert while the modal is open: Tab never leaves the drawer.
  for (let i = 0; i < 25; i++) {
    await alice.keyboard.press("Tab");
    expect(await alice.evaluate(() => !!document.activeElement?.closest("dialog") || document.activeElement === document.body)).toBe(true);
  }
  await alice.keyboard.press("Escape");
  await expect(d).toHaveCount(0);
  await expect(link).toBeFocused();
  await alice.context().close();
});

async function criterionId(page: Page, itemId: string, text: string): Promise<string> {
  const res = await page.request.get(`/api/v1/items/${itemId}`);
  expect(res.status()).toBe(200);
  const detail = (await res.json()) as { criteria: Array<{ id: string; text: string }> };
  return detail.criteria.find((c) => c.text === text)!.id;
}
