import { expect, test, type Page } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { card, column, createItem, openAs, uniqueTitle, waitLive } from "./support/session";

const WALL = `/services/${FLOW_SERVICE.key}`;

// A marker on `window` survives only as long as the page is not reloaded.
async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}
async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}

test("the wall shows the service's stages left to right with counts and WIP limits", async ({ browser }) => {
  const page = await openAs(browser, "alice", WALL);
  const columns = page.getByTestId("stage-column");
  await expect(columns).toHaveCount(11);
  await expect(columns.first().getByRole("heading", { level: 2 })).toHaveText("Business strategy & planning");
  await expect(columns.last().getByRole("heading", { level: 2 })).toHaveText("End of life");
  await expect(column(page, "deployment").getByTestId("stage-count")).toHaveText(/^\d+ \/ 3$/);
  await waitLive(page);
  await page.context().close();
});

test("a move made in one browser shows in the other without a reload", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const bob = await openAs(browser, "bob", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  await markNoReload(bob);

  // Created after both walls loaded: it reaches both through the live feed.
  const title = uniqueTitle("Checkout redesign");
  // Just upstream of Development: a card moves downstream one stage at a time.
  await createItem(alice, FLOW_SERVICE.key, title, { stageKey: "requirements" });
  await expect(card(alice, title)).toBeVisible();
  await expect(column(bob, "requirements").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  const before = await column(bob, "development").getByTestId("item-card").count();
  await card(alice, title).getByRole("combobox", { name: `Move “${title}” to another stage` }).selectOption({ label: "Development" });
  await expect(column(alice, "development").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  await expect(column(bob, "development").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(bob, "requirements").getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);
  await expect(column(bob, "development").getByTestId("item-card")).toHaveCount(before + 1);
  await expectNotReloaded(bob);
  await alice.context().close();
  await bob.context().close();
});

test("a stale move is refused: the card goes back and the wall says where it went", async ({ browser }) => {
  const alice = await openAs(browser, "alice", WALL);
  const bob = await openAs(browser, "bob", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  const title = uniqueTitle("Payment retries");
  // In Operations: the next stages (Maintenance, Customer service) have room to spare (other
  // specs fill Deployment to its WIP limit of 3).
  await createItem(alice, FLOW_SERVICE.key, title, { stageKey: "operations" });
  await expect(card(bob, title)).toBeVisible();
  await expect(card(alice, title)).toBeVisible();

  // Alice's move leaves her browser first but reaches the server only after Bob's: hold it.
  let releaseAlice!: () => void;
  const held = new Promise<void>((resolve) => (releaseAlice = resolve));
  let sawRequest!: () => void;
  const requestSeen = new Promise<void>((resolve) => (sawRequest = resolve));
  await alice.route("**/api/v1/items/*/move", async (route) => {
    sawRequest();
    await held;
    await route.continue();
  });

  await card(alice, title).getByRole("combobox").selectOption({ label: "Maintenance" });
  await requestSeen;
  // Optimistic: on Alice's screen the card is in Maintenance before the server answered.
  await expect(column(alice, "maintenance").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  // Bob moves it twice (one stage at a time) before Alice's move reaches the server.
  for (const [label, key] of [["Maintenance", "maintenance"], ["Customer service", "customer-service"]] as const) {
    const bobMoved = bob.waitForResponse((r) => /\/api\/v1\/items\/[^/]+\/move$/.test(r.url()));
    await card(bob, title).getByRole("combobox").selectOption({ label });
    expect((await bobMoved).status()).toBe(200);
    await expect(column(bob, key).getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  }

  releaseAlice();
  const alert = alice.getByRole("alert").filter({ hasText: title });
  await expect(alert).toContainText("was moved by someone else before your move: it is now in Customer service");
  await expect(column(alice, "customer-service").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(alice, "maintenance").getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);
  await expect(column(alice, "operations").getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);

  // Bob's wall shows only his own moves: the card where he left it.
  await expect(column(bob, "maintenance").getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);
  await alert.getByRole("button", { name: "Dismiss" }).click();
  await expect(alert).toHaveCount(0);
  await alice.context().close();
  await bob.context().close();
});

test("a viewer sees the wall live but gets no move controls", async ({ browser }) => {
  const viewer = await openAs(browser, "viewer", WALL);
  const alice = await openAs(browser, "alice", WALL);
  await Promise.all([waitLive(viewer), waitLive(alice)]);
  const title = uniqueTitle("Read-only check");
  await createItem(alice, FLOW_SERVICE.key, title);
  await expect(card(viewer, title)).toBeVisible();
  await expect(card(viewer, title).getByRole("combobox")).toHaveCount(0);
  await expect(card(alice, title).getByRole("combobox")).toHaveCount(1);
  await viewer.context().close();
  await alice.context().close();
});
