import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { E2E_PASSWORD, E2E_USERS, type E2EUser } from "./accounts";

/** Signs in through the sign-in form, as a person would, and waits for the page it leads to. */
export async function signIn(page: Page, user: E2EUser, path = "/"): Promise<void> {
  await page.goto(path === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(E2E_USERS[user].email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // bcrypt (cost 12) makes signing in the slowest step by design; give it room on a busy machine.
  await page.waitForURL((url) => url.pathname === path, { timeout: 30_000 });
  await expect(page.getByTestId("signed-in-as")).toHaveText(E2E_USERS[user].name);
}

/** A fresh browser context (own cookies) signed in as `user`, on `path`. */
export async function openAs(browser: Browser, user: E2EUser, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user, path);
  return page;
}

type Snapshot = { service: { id: string }; stages: { id: string; key: string; name: string }[]; seq: number };

export async function wallSnapshot(request: APIRequestContext, serviceKey: string): Promise<Snapshot> {
  const res = await request.get(`/api/v1/services/${serviceKey}/wall`);
  expect(res.status()).toBe(200);
  return (await res.json()) as Snapshot;
}

/**
 * Creates a work item through the API with the page's session; unique titles keep tests apart.
 * By default a feature in the first stage; `stageKey` and `kind` choose otherwise.
 */
export async function createItem(
  page: Page,
  serviceKey: string,
  title: string,
  opts: { stageKey?: string; kind?: "FEATURE" | "RFC" | "MAINTENANCE" | "DEFECT" | "IMPROVEMENT" } = {},
): Promise<{ id: string; version: number }> {
  const { service, stages } = await wallSnapshot(page.request, serviceKey);
  const stageId = opts.stageKey ? stages.find((s) => s.key === opts.stageKey)?.id : undefined;
  if (opts.stageKey) expect(stageId, `stage ${opts.stageKey}`).toBeTruthy();
  const res = await page.request.post(`/api/v1/services/${service.id}/items`, { data: { title, kind: opts.kind ?? "FEATURE", stageId } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; version: number };
}

export const uniqueTitle = (label: string) => `${label} ${Math.random().toString(36).slice(2, 8)}`;

export function column(page: Page, stageKey: string) {
  return page.locator(`[data-testid="stage-column"][data-stage-key="${stageKey}"]`);
}

export function card(page: Page, title: string) {
  return page.getByTestId("item-card").filter({ has: page.getByRole("heading", { name: title, exact: true }) });
}

export async function waitLive(page: Page): Promise<void> {
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
}

/** Moves a card with its "Move to…" menu (the alternative to drag and drop). */
export async function moveCard(page: Page, title: string, stageName: string): Promise<void> {
  await card(page, title).getByRole("combobox", { name: `Move “${title}” to another stage` }).selectOption({ label: stageName });
}

/** The grip a card is dragged by (absent for people who may not move it). */
export function dragHandle(page: Page, title: string) {
  return card(page, title).getByRole("button", { name: `Drag “${title}” to another stage` });
}

/**
 * Drags a card by its grip onto a stage column with real pointer events, in small steps as a
 * hand would (dnd-kit starts a drag only after the pointer travelled a few pixels).
 */
export async function dragCardTo(page: Page, title: string, stageKey: string): Promise<void> {
  const handle = dragHandle(page, title);
  await handle.scrollIntoViewIfNeeded();
  const from = await handle.boundingBox();
  const to = await column(page, stageKey).boundingBox();
  if (!from || !to) throw new Error(`no box for “${title}” or column ${stageKey}`);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 12, from.y + from.height / 2 + 4, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 240), { steps: 16 });
  await page.mouse.up();
}
