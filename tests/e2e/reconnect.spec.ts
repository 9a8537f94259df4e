import { expect, test, type WebSocketRoute } from "@playwright/test";
import { FLOW_SERVICE } from "./support/accounts";
import { card, column, createItem, openAs, signIn, uniqueTitle, waitLive } from "./support/session";

const WALL = `/services/${FLOW_SERVICE.key}`;

test("a wall that lost its connection says so, and catches up with what it missed when it is back", async ({ browser }) => {
  const bob = await openAs(browser, "bob", WALL);
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();

  // Alice's socket goes through the test, which can cut it; while `cut`, new connections fail.
  const sockets: WebSocketRoute[] = [];
  let cut = false;
  await alice.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (cut) return void ws.close();
    ws.connectToServer();
    sockets.push(ws);
  });
  await alice.route("**/socket.io/**", (route) => (cut ? route.abort() : route.continue()));

  await signIn(alice, "alice", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  const title = uniqueTitle("Missed while offline");
  await createItem(bob, FLOW_SERVICE.key, title);
  await expect(card(alice, title)).toBeVisible();
  await alice.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  cut = true;
  for (const ws of sockets) await ws.close();
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "reconnecting");

  // Bob moves the card twice while Alice is away; her wall cannot know yet.
  await card(bob, title).getByRole("combobox").selectOption({ label: "Development" });
  await expect(column(bob, "development").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await card(bob, title).getByRole("combobox").selectOption({ label: "Deployment" });
  await expect(column(bob, "deployment").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(alice, "strategy").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  cut = false;
  await waitLive(alice);
  await expect(column(alice, "deployment").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(alice, "strategy").getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);
  expect(await alice.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
  await aliceContext.close();
  await bob.context().close();
});
