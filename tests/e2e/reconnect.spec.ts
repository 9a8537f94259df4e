import { expect, test } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { card, column, createItem, openAs, signIn, uniqueTitle, waitLive } from "./support/session";
import { cuttableSocket, expectNotReloaded, markNoReload } from "./support/network";

const WALL = `/services/${FLOW_SERVICE.key}`;
// playwright.config.ts starts the server with REPLAY_LIMIT=5: a wall further behind reloads.
const REPLAY_LIMIT = 5;

test("a wall that lost its connection says so, and catches up with what it missed when it is back", async ({ browser }) => {
  const bob = await openAs(browser, "bob", WALL);
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const socket = await cuttableSocket(alice);
  await signIn(alice, "alice", WALL);
  await Promise.all([waitLive(alice), waitLive(bob)]);
  const title = uniqueTitle("Missed while offline");
  // Two stages before Deployment: Bob moves it one stage at a time.
  await createItem(bob, FLOW_SERVICE.key, title, { stageKey: "requirements" });
  await expect(card(alice, title)).toBeVisible();
  await markNoReload(alice);

  await socket.cut();
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "reconnecting");

  // Bob moves the card twice while Alice is away; her wall cannot know yet.
  await card(bob, title).getByRole("combobox").selectOption({ label: "Development" });
  await expect(column(bob, "development").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await card(bob, title).getByRole("combobox").selectOption({ label: "Deployment" });
  await expect(column(bob, "deployment").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(alice, "requirements").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  socket.restore();
  // An attempt begun during the cut gives up after the clients' 5 s connect timeout
  // (LIVE_SOCKET_OPTIONS), then the next one waits its backoff (at most 7.5 s).
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "live", { timeout: 20_000 });
  await expect(column(alice, "deployment").getByTestId("item-card").filter({ hasText: title })).toBeVisible();
  await expect(column(alice, "requirements").getByTestId("item-card").filter({ hasText: title })).toHaveCount(0);
  await expectNotReloaded(alice);
  await aliceContext.close();
  await bob.context().close();
});

test("a wall too far behind to replay loads a fresh snapshot in place", async ({ browser }) => {
  const bob = await openAs(browser, "bob", WALL);
  const aliceContext = await browser.newContext();
  const alice = await aliceContext.newPage();
  const socket = await cuttableSocket(alice);
  await signIn(alice, "alice", WALL);
  await waitLive(alice);
  await markNoReload(alice);

  await socket.cut();
  await expect(alice.getByTestId("connection-status")).toHaveAttribute("data-status", "reconnecting");
  const titles = Array.from({ length: REPLAY_LIMIT + 2 }, (_, i) => uniqueTitle(`Burst ${i + 1}`));
  for (const title of titles) await createItem(bob, FLOW_SERVICE.key, title);
  await expect(card(alice, titles[0]!)).toHaveCount(0);

  // The page itself never fetches the snapshot: only the reload path does.
  const snapshotLoad = alice.waitForResponse((r) => /\/api\/v1\/services\/[^/]+\/wall$/.test(new URL(r.url()).pathname));
  socket.restore();
  expect((await snapshotLoad).status()).toBe(200);
  await waitLive(alice);
  for (const title of titles) await expect(card(alice, title)).toBeVisible();
  await expectNotReloaded(alice);

  // Still live after the reload: the next change arrives as an event.
  const after = uniqueTitle("After the reload");
  await createItem(bob, FLOW_SERVICE.key, after);
  await expect(card(alice, after)).toBeVisible();
  await aliceContext.close();
  await bob.context().close();
});
