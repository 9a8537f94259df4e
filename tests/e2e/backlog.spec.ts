// The backlog wall in Chromium, on the demo service (the e2e database is seeded with it): the
// Service Master drags item 5 to the top and a second browser shows the new order live; a
// developer sees no drag handles; the keyboard reorders too.
import { expect, test, type Browser, type Page } from "./support/test";

const PASSWORD = "obeya-demo";
const SERVICE_MASTER = { email: "service.master@convertia.example", name: "Sven Lindqvist" };
const DEVELOPER = { email: "dev1@convertia.example", name: "Diego Alvarez" };
const BACKLOG = "/services/mobile-conversion/backlog";

// Several browsers signed in per test: on a busy machine that outlasts the default minute.
test.describe.configure({ timeout: 180_000 });

async function openAs(browser: Browser, who: { email: string; name: string }, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // a cold server can take a while to render the first page after sign-in
  await expect(page).toHaveURL((url) => url.pathname === path, { timeout: 30_000 });
  await expect(page.getByTestId("signed-in-as")).toHaveText(who.name);
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  return page;
}

const titles = (page: Page) => page.getByTestId("backlog-title").allTextContents();
const row = (page: Page, title: string) => page.getByTestId("backlog-item").filter({ has: page.getByRole("heading", { name: title, exact: true }) });

test("the Service Master drags item 5 to the top and a second browser shows the new order", async ({ browser }) => {
  const master = await openAs(browser, SERVICE_MASTER, BACKLOG);
  const watcher = await openAs(browser, DEVELOPER, BACKLOG);
  await watcher.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  const before = await titles(master);
  expect(before.length).toBeGreaterThanOrEqual(5);
  expect(await titles(watcher)).toEqual(before);
  const fifth = before[4]!;

  const handle = row(master, fifth).getByTestId("drag-handle");
  const target = master.getByTestId("backlog-item").first();
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await master.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await master.mouse.down();
  // dnd-kit starts a drag after a few pixels, then follows the pointer
  await master.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 5 });
  await master.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 20 });
  await master.mouse.up();

  const expected = [fifth, ...before.slice(0, 4), ...before.slice(5)];
  await expect.poll(() => titles(master)).toEqual(expected);
  await expect(row(master, fifth)).not.toHaveAttribute("aria-busy", "true");
  await expect(master.getByTestId("backlog-position").first()).toHaveText("1");

  await expect.poll(() => titles(watcher)).toEqual(expected);
  expect(await watcher.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

  // and the order is what the server keeps: a fresh load shows it
  await watcher.reload();
  await expect.poll(() => titles(watcher)).toEqual(expected);
  await master.context().close();
  await watcher.context().close();
});

test("a developer sees the backlog with value and cost but no drag handles", async ({ browser }) => {
  const dev = await openAs(browser, DEVELOPER, BACKLOG);
  await expect(dev.getByTestId("backlog-item").first()).toBeVisible();
  expect(await dev.getByTestId("backlog-item").count()).toBeGreaterThan(5);
  await expect(dev.getByTestId("drag-handle")).toHaveCount(0);
  await expect(dev.getByTestId("business-value").first()).toBeVisible();
  // the API refuses the developer a reorder as well
  const res = await dev.request.post("/api/v1/services/mobile-conversion/backlog/reorder", {
    data: { itemId: "x", afterItemId: "y" },
    headers: { origin: new URL(dev.url()).origin },
  });
  expect(res.status()).toBe(403);
  await dev.context().close();
});

test("the Service Master reorders by keyboard: space, arrow up, space", async ({ browser }) => {
  const master = await openAs(browser, SERVICE_MASTER, BACKLOG);
  const before = await titles(master);
  const third = before[2]!;
  const handle = row(master, third).getByTestId("drag-handle");
  await handle.focus();
  // Each key waits for the screen reader's announcement of the last one: a busy machine may not
  // have rendered the pick-up when the next key arrives.
  await master.keyboard.press("Space");
  // (dnd-kit follows "Picked up" at once with where the row is over: its own place)
  await expect(master.getByText(`“${third}” is over position 3.`)).toBeAttached();
  await master.keyboard.press("ArrowUp");
  await expect(master.getByText(`“${third}” is over position 2.`)).toBeAttached();
  await master.keyboard.press("Space");
  const expected = [before[0]!, third, before[1]!, ...before.slice(3)];
  await expect.poll(() => titles(master)).toEqual(expected);
  await master.reload();
  await expect.poll(() => titles(master)).toEqual(expected);
  await master.context().close();
});

test("filters narrow the list by kind", async ({ browser }) => {
  const dev = await openAs(browser, DEVELOPER, BACKLOG);
  const rows = dev.getByTestId("backlog-item");
  const all = await rows.count();
  // the demo's approved maintenance activity is on the backlog
  await dev.getByLabel("Filter by kind").selectOption({ label: "Maintenance" });
  await expect(rows.first()).toBeVisible();
  const kinds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
  expect(kinds.length).toBeLessThan(all);
  expect(new Set(kinds)).toEqual(new Set(["MAINTENANCE"]));
  await expect(dev.getByTestId("drag-handle")).toHaveCount(0);
  await dev.context().close();
});
