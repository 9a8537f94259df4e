// Each person sees exactly the controls the permission matrix gives them — Service Master,
// developer, viewer, admin, and an office TV with a wall-display token — and the server refuses
// the pages they may not open. Also: the 11th failed sign-in within a minute answers 429.
import { expect, test, type APIRequestContext, type Browser, type Page } from "./support/test";
import { E2E_PASSWORD, E2E_USERS, FLOW_SERVICE } from "./support/accounts";
import { card, createItem, signIn, uniqueTitle, wallSnapshot } from "./support/session";

const WALL = `/services/${FLOW_SERVICE.key}`;
const TOKENS = `${WALL}/settings/tokens`;
const rand = () => Math.random().toString(36).slice(2, 8);

/** A Service Master of the flow team, created through the admin API (as an admin would). */
async function createServiceMaster(browser: Browser): Promise<{ email: string; name: string; password: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "admin");
  const person = { email: `sam-${rand()}@e2e.test`, name: `Sam Master ${rand()}`, password: "sam-password-123" };
  const created = await page.request.post("/api/v1/admin/users", { data: person });
  expect(created.status(), await created.text()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };
  const teams = (await (await page.request.get("/api/v1/admin/teams")).json()) as { teams: { id: string; name: string }[] };
  const flowTeam = teams.teams.find((t) => t.name === "E2E Flow Team")!;
  const roles = await page.request.put(`/api/v1/admin/teams/${flowTeam.id}/members`, { data: { userId: user.id, roles: ["SERVICE_MASTER"] } });
  expect(roles.status(), await roles.text()).toBe(200);
  await context.close();
  return person;
}

async function signInWith(page: Page, person: { email: string; name: string; password: string }, path = "/") {
  await page.goto(path === "/" ? "/signin" : `/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(page.getByTestId("signed-in-as")).toHaveText(person.name);
}

const adminLink = (page: Page) => page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" });
const tokensLink = (page: Page) => page.getByRole("link", { name: `Tokens of ${FLOW_SERVICE.name}` });
const moveControls = (page: Page, title: string) => card(page, title).getByRole("combobox");

test("a Service Master moves cards and manages tokens, but is no admin", async ({ browser }) => {
  const sam = await createServiceMaster(browser);
  const page = await (await browser.newContext()).newPage();
  await signInWith(page, sam);
  await expect(tokensLink(page)).toBeVisible();
  await expect(adminLink(page)).toHaveCount(0);

  const title = uniqueTitle("SM card");
  await createItem(page, FLOW_SERVICE.key, title);
  await page.goto(WALL);
  await expect(moveControls(page, title)).toHaveCount(1);

  await page.goto("/");
  await tokensLink(page).click();
  await expect(page).toHaveURL(TOKENS);
  await expect(page.getByRole("heading", { level: 1, name: "Tokens" })).toBeVisible();
  const name = `Office TV ${rand()}`;
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("Wall display link")).toHaveValue(new RegExp(`/tv/${FLOW_SERVICE.key}\\?token=oby_w_`));
  await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText("Active");

  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Administration is for admins" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Invite user" })).toHaveCount(0);
  await page.context().close();
});

test("a developer moves cards but sees no token settings and no administration", async ({ page }) => {
  await signIn(page, "alice");
  await expect(page.getByRole("link", { name: new RegExp(FLOW_SERVICE.name) }).first()).toBeVisible();
  await expect(tokensLink(page)).toHaveCount(0);
  await expect(adminLink(page)).toHaveCount(0);

  const title = uniqueTitle("Dev card");
  await createItem(page, FLOW_SERVICE.key, title);
  await page.goto(WALL);
  await expect(moveControls(page, title)).toHaveCount(1);

  // The server refuses the pages themselves, not only the links.
  await page.goto(TOKENS);
  await expect(page.getByRole("heading", { name: "Tokens are managed by token managers" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create token" })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByRole("heading", { name: "Administration is for admins" })).toBeVisible();
  const api = await page.request.get("/api/v1/admin/users");
  expect(api.status()).toBe(403);
});

test("a viewer sees the wall without any control, no token settings and no administration", async ({ browser }) => {
  const alice = await (await browser.newContext()).newPage();
  await signIn(alice, "alice");
  const title = uniqueTitle("Viewer card");
  await createItem(alice, FLOW_SERVICE.key, title);

  const page = await (await browser.newContext()).newPage();
  await signIn(page, "viewer");
  await expect(tokensLink(page)).toHaveCount(0);
  await expect(adminLink(page)).toHaveCount(0);
  await page.goto(WALL);
  await expect(card(page, title)).toBeVisible();
  await expect(moveControls(page, title)).toHaveCount(0);
  await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
  await page.goto(TOKENS);
  await expect(page.getByRole("heading", { name: "Tokens are managed by token managers" })).toBeVisible();
  await alice.context().close();
  await page.context().close();
});

test("an admin invites a person from the admin page, who sets a password through the link and signs in", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, "admin");
  await adminLink(page).click();
  await expect(page).toHaveURL("/admin");
  for (const heading of ["Users", "Teams and roles", "Organisation layout", "Pools"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  const person = { email: `ina-${rand()}@e2e.test`, name: `Ina Invited ${rand()}`, password: "ina-password-123" };
  const invite = page.getByRole("form", { name: "Invite a user" });
  await invite.getByLabel("Name").fill(person.name);
  await invite.getByLabel("Email").fill(person.email);
  await invite.getByRole("button", { name: "Invite user" }).click();
  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/inv_/);
  const url = await link.inputValue();
  await expect(page.getByTestId("user-row").filter({ hasText: person.email })).toContainText("Invited");

  const invitee = await (await browser.newContext()).newPage();
  await invitee.goto(new URL(url).pathname);
  await invitee.getByLabel("New password").fill(person.password);
  await invitee.getByLabel("Repeat the password").fill(person.password);
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByText("Your password is set.")).toBeVisible();
  await signInWith(invitee, person);
  await expect(invitee.getByText("No services yet.")).toBeVisible();

  // The link is spent.
  await invitee.goto(new URL(url).pathname);
  await invitee.getByLabel("New password").fill("another-password-1");
  await invitee.getByLabel("Repeat the password").fill("another-password-1");
  await invitee.getByRole("button", { name: "Set password" }).click();
  await expect(invitee.getByRole("alert").filter({ hasText: "not valid any more" })).toBeVisible();
  await page.context().close();
  await invitee.context().close();
});

async function wallToken(request: APIRequestContext, serviceId: string): Promise<{ id: string; secret: string }> {
  const res = await request.post(`/api/v1/services/${serviceId}/tokens`, { data: { kind: "WALL", name: `TV ${rand()}` } });
  expect(res.status(), await res.text()).toBe(201);
  const body = (await res.json()) as { token: { id: string }; secret: string };
  return { id: body.token.id, secret: body.secret };
}

test("an office TV with a wall token sees the wall live and read-only, until the token is revoked", async ({ browser }) => {
  const sam = await createServiceMaster(browser);
  const master = await (await browser.newContext()).newPage();
  await signInWith(master, sam);
  const { service } = await wallSnapshot(master.request, FLOW_SERVICE.key);
  const token = await wallToken(master.request, service.id);

  // No session at all in the TV's browser.
  const tv = await (await browser.newContext()).newPage();
  await tv.goto(`/tv/${FLOW_SERVICE.key}?token=${encodeURIComponent(token.secret)}`);
  await expect(tv.getByRole("heading", { level: 1, name: FLOW_SERVICE.name })).toBeVisible();
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "live");
  await expect(tv.getByTestId("signed-in-as")).toHaveCount(0);
  await expect(tv.getByRole("combobox")).toHaveCount(0);
  await expect(tv.getByRole("button")).toHaveCount(0);
  await expect(adminLink(tv)).toHaveCount(0);

  const title = uniqueTitle("On the TV");
  await createItem(master, FLOW_SERVICE.key, title);
  await expect(tv.getByTestId("tv-card").filter({ hasText: title })).toBeVisible();

  // The token reads, and changes nothing, through the API too.
  const write = await tv.request.post(`/api/v1/services/${service.id}/items`, {
    data: { title: "from the TV" },
    headers: { authorization: `Bearer ${token.secret}` },
  });
  expect(write.status()).toBe(403);

  const revoked = await master.request.delete(`/api/v1/tokens/${token.id}`);
  expect(revoked.status()).toBe(200);
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "refused");
  await tv.reload();
  await expect(tv.getByRole("heading", { name: "This wall display link does not work" })).toBeVisible();

  // A wall token of one service opens no other service's wall.
  await tv.goto(`/tv/e2e-hidden?token=${encodeURIComponent((await wallToken(master.request, service.id)).secret)}`);
  await expect(tv.getByRole("heading", { name: "This wall display link does not work" })).toBeVisible();
  await master.context().close();
  await tv.context().close();
});

async function failedSignIn(request: APIRequestContext, email: string, address: string) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  return request.post("/api/auth/callback/credentials", {
    form: { email, password: "not-the-password", csrfToken, callbackUrl: "/", json: "true" },
    headers: { "x-forwarded-for": address },
  });
}

test("the 11th failed sign-in within a minute answers 429, per account and per address", async ({ playwright, baseURL, browser }) => {
  // Own request contexts and made-up addresses, so the rest of the suite's sign-ins are not locked out.
  const request = await playwright.request.newContext({ baseURL });
  const account = `nobody-${rand()}@e2e.test`;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) statuses.push((await failedSignIn(request, account, `198.51.100.${i + 1}`)).status());
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses[10]).toBe(429);
  const refused = await failedSignIn(request, account, "198.51.100.99");
  expect(refused.status()).toBe(429);
  expect(refused.headers()["retry-after"]).toMatch(/^\d+$/);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("RATE_LIMITED");

  const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
  const byAddress: number[] = [];
  for (let i = 0; i < 11; i++) byAddress.push((await failedSignIn(request, `someone-${rand()}@e2e.test`, address)).status());
  expect(byAddress.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(byAddress[10]).toBe(429);

  // A person with the right password from another address is not affected.
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(E2E_USERS.bob.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByTestId("signed-in-as")).toHaveText(E2E_USERS.bob.name);
  await page.context().close();
  await request.dispose();
});
