// Stage settings in Chromium: the demo Service Master reaches the page from the service's tab bar,
// renames a stage and sets its WIP limit (the wall shows both), reorders with the keyboard, and
// sees a bad value refused next to its field; a developer and a viewer get no link and a refusal
// page; someone outside the team gets "not found". Runs on a service the Service Master creates
// here, so the demo service other specs read is left as it is.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "./support/test";
import { column } from "./support/session";

const PASSWORD = "obeya-demo";
const SERVICE_MASTER = { email: "service.master@convertia.example", name: "Sven Lindqvist" };
const DEVELOPER = { email: "dev1@convertia.example", name: "Diego Alvarez" };
const VIEWER = { email: "viewer@convertia.example", name: "Vera Sales" };
const OUTSIDER = { email: "outsider@e2e.test", name: "Olga Outsider", password: "e2e-password-123" };

test.describe.configure({ timeout: 180_000 });

async function openAs(browser: Browser, who: { email: string; name: string; password?: string }, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password ?? PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === path, { timeout: 30_000 });
  await expect(page.getByTestId("signed-in-as")).toHaveText(who.name);
  return page;
}

/** A service of the demo team with three stages, created by the Service Master (service.create). */
async function newService(master: Page): Promise<string> {
  const list = (await (await master.request.get("/api/v1/services")).json()) as { services: Array<{ key: string; team: { id: string } }> };
  const teamId = list.services.find((s) => s.key === "mobile-conversion")!.team.id;
  const key = `e2e-stages-${Math.random().toString(36).slice(2, 8)}`;
  const res = await master.request.post("/api/v1/services", {
    data: {
      teamId,
      key,
      name: "E2E Stage Settings",
      stages: [
        { key: "requirements", name: "Requirements", doneCriteria: ["User story written"] },
        { key: "development", name: "Development", wipLimit: 6 },
        { key: "operations", name: "Operations" },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(201);
  return key;
}

const row = (page: Page, stageKey: string) => page.locator(`[data-testid="stage-settings-row"][data-stage-key="${stageKey}"]`);

test("the Service Master renames a stage and sets its WIP limit; the wall shows both", async ({ browser }) => {
  const master = await openAs(browser, SERVICE_MASTER, "/");
  const key = await newService(master);
  await master.goto(`/services/${key}`);
  await master.getByRole("navigation", { name: /^Walls of / }).getByRole("link", { name: "Settings", exact: true }).click();
  await expect(master).toHaveURL(`/services/${key}/settings/stages`);
  await expect(master.getByRole("heading", { level: 1, name: "Stages" })).toBeVisible();
  await expect(master.getByTestId("stage-settings-row")).toHaveCount(3);

  const dev = row(master, "development");
  // Interactive once hydrated: the buttons are disabled in the server's HTML.
  await expect(dev.getByRole("button", { name: "Save stage" })).toBeEnabled();
  // A bad value is refused next to its field, and nothing is sent.
  await dev.getByLabel("WIP limit").fill("many");
  await dev.getByRole("button", { name: "Save stage" }).click();
  await expect(dev.getByText("WIP limit: a whole number from 1 to 10,000, or empty for none.")).toBeVisible();
  await expect(dev.getByLabel("WIP limit")).toHaveAttribute("aria-invalid", "true");

  await dev.getByLabel("Name").fill("Build & integrate");
  await dev.getByLabel("WIP limit").fill("4");
  await dev.getByLabel("Age threshold (hours)").fill("72");
  await dev.getByRole("button", { name: "Add a criterion" }).click();
  await dev.getByRole("textbox", { name: "New criterion 1", exact: true }).fill("Code reviewed");
  await dev.getByRole("button", { name: "Save stage" }).click();
  await expect(dev.getByRole("status")).toHaveText("Build & integrate saved.");
  await expect(dev.getByRole("heading", { level: 2 })).toContainText("Build & integrate");
  await expect(dev.getByRole("textbox", { name: "Criterion 1", exact: true })).toHaveValue("Code reviewed");

  // Keyboard reorder: Operations one step earlier, focus stays on its button.
  const later = row(master, "requirements").getByRole("button", { name: "Move Requirements right (later)" });
  await later.focus();
  await master.keyboard.press("Enter");
  await expect(master.getByTestId("stage-settings-row").nth(0)).toHaveAttribute("data-stage-key", "development");
  await expect(master.getByTestId("stage-settings-row").nth(1)).toHaveAttribute("data-stage-key", "requirements");
  await expect(later).toBeFocused();
  await master.screenshot({ path: test.info().outputPath("stage-settings.png"), fullPage: true });
  const axe = await new AxeBuilder({ page: master }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // A stage that holds no items can be retired and brought back.
  await row(master, "operations").getByRole("button", { name: "Retire", exact: true }).click();
  await expect(row(master, "operations").getByRole("heading", { level: 2 })).toContainText("Retired: Operations");
  await row(master, "operations").getByRole("button", { name: "Unretire" }).click();
  await expect(row(master, "operations").getByRole("heading", { level: 2 })).toContainText("3. Operations");

  await master.getByRole("link", { name: "E2E Stage Settings" }).click();
  await expect(master).toHaveURL(`/services/${key}`);
  const columnHeading = column(master, "development").getByRole("heading", { level: 2 });
  await expect(columnHeading).toHaveText("Build & integrate");
  await expect(column(master, "development").getByTestId("stage-count")).toHaveAccessibleName("0 items, WIP limit 4");
  await expect(master.getByTestId("stage-column").first()).toHaveAttribute("data-stage-key", "development");
  await master.context().close();
});

test("a stage changed by someone else meanwhile: the save is refused (409) and their settings are shown", async ({ browser }) => {
  const master = await openAs(browser, SERVICE_MASTER, "/");
  const key = await newService(master);
  await master.goto(`/services/${key}/settings/stages`);
  const ops = row(master, "operations");
  await expect(ops.getByRole("button", { name: "Save stage" })).toBeEnabled();
  await ops.getByLabel("WIP limit").fill("2");

  // Someone else (the same matrix, another tab) renames it first.
  const stageId = (await (await master.request.get(`/api/v1/services/${key}/wall`)).json()).stages.find((s: { key: string }) => s.key === "operations").id;
  const other = await master.request.patch(`/api/v1/stages/${stageId}`, { data: { expectedVersion: 1, name: "Run & support" } });
  expect(other.status()).toBe(200);

  await ops.getByRole("button", { name: "Save stage" }).click();
  await expect(ops.getByRole("alert")).toContainText("Someone else changed Operations while you were editing (now version 2)");
  await expect(ops.getByLabel("Name")).toHaveValue("Run & support");
  await expect(ops.getByLabel("WIP limit")).toHaveValue("");
  // Made again on their version, the change is saved.
  await ops.getByLabel("WIP limit").fill("2");
  await ops.getByRole("button", { name: "Save stage" }).click();
  await expect(ops.getByRole("status")).toHaveText("Run & support saved.");
  await master.context().close();
});

test("a developer and a viewer get no settings link and a refusal page; an outsider gets not found", async ({ browser }) => {
  const master = await openAs(browser, SERVICE_MASTER, "/");
  const key = await newService(master);
  await master.context().close();

  for (const who of [DEVELOPER, VIEWER]) {
    const page = await openAs(browser, who, `/services/${key}`);
    await expect(page.getByTestId("stage-column").first()).toBeVisible();
    await expect(page.getByRole("navigation", { name: /^Walls of / }).getByRole("link", { name: "Wall", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Settings", exact: true })).toHaveCount(0);
    await page.goto(`/services/${key}/settings/stages`);
    await expect(page.getByTestId("stage-settings-forbidden")).toContainText("Stages are configured by Service and Process Masters");
    await expect(page.getByTestId("stage-settings-row")).toHaveCount(0);
    // The API refuses the same person (the matrix, on the server).
    const stages = await page.request.put(`/api/v1/services/${key}/stages/order`, { data: { stageIds: ["x"] } });
    expect(stages.status()).toBe(403);
    await page.context().close();
  }

  const outsider = await openAs(browser, OUTSIDER, "/");
  await outsider.goto(`/services/${key}/settings/stages`);
  await expect(outsider.getByRole("heading", { name: "Service not found" })).toBeVisible();
  await outsider.context().close();
});
