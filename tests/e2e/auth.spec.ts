import { expect, test } from "./support/test";
import { E2E_PASSWORD, E2E_USERS, FLOW_SERVICE, HIDDEN_SERVICE } from "./support/accounts";
import { signIn } from "./support/session";

test("a visitor who is not signed in is sent to the sign-in page, and back after signing in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);

  await page.goto(`/services/${FLOW_SERVICE.key}`);
  await expect(page).toHaveURL(`/signin?callbackUrl=${encodeURIComponent(`/services/${FLOW_SERVICE.key}`)}`);
  await page.getByLabel("Email").fill(E2E_USERS.alice.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(`/services/${FLOW_SERVICE.key}`, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: FLOW_SERVICE.name })).toBeVisible();
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_USERS.bob.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // (Next's route announcer is an empty alert of its own: look for ours by its text.)
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await expect(page.getByLabel("Password")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signin$/);

  // Not signed in: the home page still sends us back.
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
});

test("the home page lists the services of my teams only, each linking to its wall", async ({ page }) => {
  await signIn(page, "alice");
  const services = page.getByRole("list", { name: "Services" });
  await expect(services.getByRole("link", { name: new RegExp(FLOW_SERVICE.name) })).toBeVisible();
  await expect(page.getByText(HIDDEN_SERVICE.name)).toHaveCount(0);

  // Another team's wall answers like a missing one.
  const res = await page.goto(`/services/${HIDDEN_SERVICE.key}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Service not found" })).toBeVisible();

  await page.goto("/");
  await services.getByRole("link", { name: new RegExp(FLOW_SERVICE.name) }).click();
  await expect(page).toHaveURL(`/services/${FLOW_SERVICE.key}`);
});

test("someone in no team sees the empty state", async ({ page }) => {
  await signIn(page, "outsider");
  await expect(page.getByText("No services yet.")).toBeVisible();
});

test("signing out ends the session, also for a cookie captured before", async ({ page }) => {
  // Not bob: sign-out ends every session of the person, and other specs sign in as bob.
  await signIn(page, "leaver");
  const captured = await page.context().cookies();
  expect(captured.some((c) => c.name.includes("session-token"))).toBe(true);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  // The old cookie put back (as a thief who copied it would) opens nothing.
  await page.context().addCookies(captured);
  const res = await page.request.get("/api/v1/services");
  expect(res.status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
});
