import { expect, test, type Browser, type Page } from "./support/test";
import { E2E_PASSWORD, FLOW_SERVICE } from "./support/accounts";
import { card, column, openAs, uniqueTitle, waitLive, wallSnapshot } from "./support/session";

const WALL = `/services/${FLOW_SERVICE.key}`;
const RELEASES = `${WALL}/releases`;

// The suite's fixture has no gatekeeper: the admin makes one through the admin API, as an
// organisation would, so the fixture stays untouched.
const gatekeeper = { email: `gina-${Math.random().toString(36).slice(2, 8)}@e2e.test`, name: "Gina Gatekeeper" };

async function signInAsGatekeeper(browser: Browser, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(gatekeeper.email);
  await page.getByLabel("Password").fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === path);
  await expect(page.getByTestId("signed-in-as")).toHaveText(gatekeeper.name);
  return page;
}

/** An item of the flow service in Development with every done-criterion met, in a new release. */
async function releaseWithReadyItem(gk: Page, dev: Page) {
  const snapshot = await wallSnapshot(dev.request, FLOW_SERVICE.key);
  const development = snapshot.stages.find((s) => s.key === "development") as unknown as { id: string; doneCriteria: { id: string }[] };
  const title = uniqueTitle("Mobile checkout");
  const created = await dev.request.post(`/api/v1/services/${snapshot.service.id}/items`, { data: { title, stageId: development.id } });
  expect(created.status(), await created.text()).toBe(201);
  const item = (await created.json()) as { id: string };
  for (const c of development.doneCriteria) {
    const ticked = await dev.request.put(`/api/v1/items/${item.id}/criteria/${c.id}`, { data: { done: true } });
    expect(ticked.status(), await ticked.text()).toBe(200);
  }
  const name = `9.${Math.floor(Math.random() * 1e6)}`;
  const release = await gk.request.post(`/api/v1/services/${snapshot.service.id}/releases`, { data: { name, itemIds: [item.id] } });
  expect(release.status(), await release.text()).toBe(201);
  return { title, name, itemId: item.id };
}

function releaseCard(page: Page, name: string) {
  return page.locator(`[data-testid="release"][data-release-name="${name}"]`);
}

async function recordDecision(page: Page, name: string, outcome: "GO" | "NO-GO", fail?: { criterion: string; reason: string }) {
  const form = page.getByRole("form", { name: `Go/no-go decision for release ${name}` });
  // The form folds away under its summary; it stays open after a decision.
  if (!(await form.isVisible())) await releaseCard(page, name).getByText("Record a go/no-go decision").click();
  await form.getByRole("radio", { name: outcome, exact: true }).check();
  if (fail) {
    await form.getByRole("combobox", { name: `${fail.criterion} assessment` }).selectOption({ label: "Fail" });
    await form.getByRole("textbox", { name: `${fail.criterion} reason` }).fill(fail.reason);
  }
  await form.getByRole("textbox", { name: "Evidence links" }).fill("https://ci.e2e.test/pipelines/42");
  await form.getByRole("textbox", { name: "Comment" }).fill(outcome === "GO" ? "Ready." : "Not yet.");
  const answered = page.waitForResponse((r) => r.url().includes("/decisions") && r.request().method() === "POST");
  await form.getByRole("button", { name: "Record decision" }).click();
  expect((await answered).status()).toBe(201);
}

test.beforeAll(async ({ browser }) => {
  const admin = await openAs(browser, "admin", "/");
  const teams = (await (await admin.request.get("/api/v1/admin/teams")).json()) as { teams: { id: string; name: string }[] };
  const team = teams.teams.find((t) => t.name === "E2E Flow Team")!;
  const created = await admin.request.post("/api/v1/admin/users", { data: { ...gatekeeper, password: E2E_PASSWORD } });
  expect(created.status(), await created.text()).toBe(201);
  const { user } = (await created.json()) as { user: { id: string } };
  const roles = await admin.request.put(`/api/v1/admin/teams/${team.id}/members`, { data: { userId: user.id, roles: ["GATEKEEPER"] } });
  expect(roles.status(), await roles.text()).toBe(200);
  await admin.context().close();
});

test("a gatekeeper's NO-GO with one failed criterion reaches a second browser live, and keeps the release out of Deployment until a GO", async ({
  browser,
}) => {
  const gk = await signInAsGatekeeper(browser, RELEASES);
  const alice = await openAs(browser, "alice", RELEASES);
  const { title, name } = await releaseWithReadyItem(gk, alice);
  await expect(releaseCard(gk, name)).toBeVisible();
  await expect(releaseCard(alice, name)).toBeVisible();
  await Promise.all([waitLive(gk), waitLive(alice)]);

  // A developer is shown no decision form (the matrix, on the server page); the gatekeeper is.
  await expect(alice.getByRole("form", { name: `Go/no-go decision for release ${name}` })).toHaveCount(0);
  await recordDecision(gk, name, "NO-GO", { criterion: "Security", reason: "Pen test finding open" });

  // Live on the second browser within a second of the decision being recorded.
  const decision = releaseCard(alice, name).getByTestId("decision").first();
  await expect(decision).toHaveAttribute("data-outcome", "NO_GO", { timeout: 1_000 });
  await expect(decision.locator('[data-testid="assessment"][data-result="FAIL"]')).toContainText("Pen test finding open");
  await expect(decision).toContainText("Gina Gatekeeper");
  await expect(decision).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await expect(releaseCard(alice, name).getByTestId("gate-status")).toHaveText("NO-GO");

  // On the value-stream wall the release's card cannot enter Deployment: refused with the reason.
  await alice.goto(WALL);
  await waitLive(alice);
  await card(alice, title).getByRole("combobox", { name: `Move “${title}” to another stage` }).selectOption({ label: "Deployment" });
  await expect(alice.getByRole("alert").filter({ hasText: title })).toContainText(`Release ${name} has a NO-GO`);
  await expect(column(alice, "development").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  // A later GO supersedes it; the same move then goes through.
  await recordDecision(gk, name, "GO");
  await expect(releaseCard(gk, name).getByTestId("decision")).toHaveCount(2);
  await expect(releaseCard(gk, name).getByTestId("decision").first()).toHaveAttribute("data-outcome", "GO");
  await expect(releaseCard(gk, name).getByTestId("decision").nth(1)).toContainText("Superseded");
  await card(alice, title).getByRole("combobox", { name: `Move “${title}” to another stage` }).selectOption({ label: "Deployment" });
  await expect(column(alice, "deployment").getByTestId("item-card").filter({ hasText: title })).toBeVisible();

  await gk.context().close();
  await alice.context().close();
});

test("the decision history prints without navigation or controls", async ({ browser }) => {
  const gk = await signInAsGatekeeper(browser, RELEASES);
  const alice = await openAs(browser, "alice", RELEASES);
  const { name } = await releaseWithReadyItem(gk, alice);
  await gk.reload();
  await recordDecision(gk, name, "NO-GO", { criterion: "Compliance", reason: "Cookie banner missing" });
  await gk.emulateMedia({ media: "print" });
  await expect(gk.getByTestId("signed-in-as")).toBeHidden();
  for (const button of await gk.getByRole("button").all()) await expect(button).toBeHidden();
  await expect(gk.getByRole("form", { name: `Go/no-go decision for release ${name}` })).toBeHidden();
  const decision = releaseCard(gk, name).getByTestId("decision").first();
  await expect(decision).toBeVisible();
  await expect(decision).toContainText("Cookie banner missing");
  await expect(decision).toContainText("https://ci.e2e.test/pipelines/42");
  await gk.context().close();
  await alice.context().close();
});

test("a GO on a release with work not done lists it and asks for a reason to go anyway, kept in the decision", async ({ browser }) => {
  const gk = await signInAsGatekeeper(browser, RELEASES);
  const snapshot = await wallSnapshot(gk.request, FLOW_SERVICE.key);
  // Still in Requirements & design: not ready to enter Deployment (the fixture's stages have no done-criteria).
  const requirements = snapshot.stages.find((s) => s.key === "requirements")!;
  const title = uniqueTitle("Half-done checkout");
  const created = await gk.request.post(`/api/v1/services/${snapshot.service.id}/items`, { data: { title, stageId: requirements.id } });
  expect(created.status(), await created.text()).toBe(201);
  const item = (await created.json()) as { id: string };
  const name = `8.${Math.floor(Math.random() * 1e6)}`;
  const release = await gk.request.post(`/api/v1/services/${snapshot.service.id}/releases`, { data: { name, itemIds: [item.id] } });
  expect(release.status(), await release.text()).toBe(201);
  await gk.reload();

  const form = gk.getByRole("form", { name: `Go/no-go decision for release ${name}` });
  await releaseCard(gk, name).getByText("Record a go/no-go decision").click();
  await form.getByRole("radio", { name: "GO", exact: true }).check();
  await expect(form.getByRole("heading", { name: "1 item is not done" })).toBeVisible();
  await expect(form.getByTestId("unfinished-item")).toHaveText([`${title} — Still in Requirements & design: it has not reached Development.`]);

  // No reason: refused next to the field, in words, and nothing is sent.
  let posted = 0;
  gk.on("request", (r) => {
    if (r.url().includes("/decisions") && r.method() === "POST") posted += 1;
  });
  const reason = form.getByRole("textbox", { name: /Reason to go anyway/ });
  await form.getByRole("button", { name: "Record decision" }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(/1 item is not done: “.+” \(Requirements & design\)\. Give a reason to go anyway, or decide NO-GO\./);
  expect(posted).toBe(0);

  await reason.fill("Ships dark behind a flag; review finishes tomorrow");
  const answered = gk.waitForResponse((r) => r.url().includes("/decisions") && r.request().method() === "POST");
  await form.getByRole("button", { name: "Record decision" }).click();
  expect((await answered).status()).toBe(201);
  const decision = releaseCard(gk, name).getByTestId("decision").first();
  await expect(decision).toHaveAttribute("data-outcome", "GO");
  await expect(decision.getByTestId("override-reason")).toContainText("GO over 1 item not done. Reason to go anyway: Ships dark behind a flag; review finishes tomorrow");
  await gk.context().close();
});
