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

/** Creates a work item through the API with the page's session; unique titles keep tests apart. */
export async function createItem(page: Page, serviceKey: string, title: string): Promise<{ id: string; version: number }> {
  const { service } = await wallSnapshot(page.request, serviceKey);
  const res = await page.request.post(`/api/v1/services/${service.id}/items`, { data: { title, kind: "FEATURE" } });
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
