import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { RETIRED_SERVICE, SERVICE_WALL_SERVICE } from "./support/accounts";
import { openAs, waitLive } from "./support/session";

// The service wall (issue 12): an MRI entry is edited; an axe scan; the Service Master decides an
// end of life and a second browser sees it live; a retired service's walls offer nothing to
// change. In this order: the end of life retires the spec's service at the end.

const wallPath = (key: string) => `/services/${key}/service`;
const eolPanel = (page: Page) => page.getByRole("region", { name: "End of life" });
const mriRow = (page: Page, kind: string) => page.locator(`[data-testid="mri-row"][data-kind="${kind}"]`);

test("an MRI entry is edited, its owner set, and a wrong review interval is refused next to the field", async ({ browser }) => {
  const sam = await openAs(browser, "sam", wallPath(SERVICE_WALL_SERVICE.key));
  await waitLive(sam);
  const row = mriRow(sam, "RF");
  await expect(row).toHaveAttribute("data-state", "ok");
  await row.getByRole("button", { name: "Edit RF" }).click();
  const form = sam.getByRole("form", { name: "RF Required functions" });
  await expect(form.getByLabel("Content")).toBeFocused();
  await form.getByLabel("Content").fill("Convert a desktop shop into a mobile site, checkout included.");
  await form.getByLabel("Owner").selectOption({ label: "Sam Servicemaster" });
  // The browser's own check is lifted so the API's sentence can be seen.
  await form.getByLabel("Review every (days)").evaluate((el) => el.removeAttribute("max"));
  await form.getByLabel("Review every (days)").fill("5000");
  await form.getByRole("button", { name: "Save RF" }).click();
  await expect(form.getByTestId("field-error")).toBeVisible();
  await expect(form.getByLabel("Review every (days)")).toHaveAttribute("aria-invalid", "true");

  await form.getByLabel("Review every (days)").fill("30");
  await form.getByRole("button", { name: "Save RF" }).click();
  await expect(form).toHaveCount(0);
  await expect(row).toContainText("checkout included");
  await expect(row).toContainText("owner Sam Servicemaster");
  await sam.context().close();
});

test("the service wall has no automatically detectable accessibility violations", async ({ browser }) => {
  const sam = await openAs(browser, "sam", wallPath(SERVICE_WALL_SERVICE.key));
  await waitLive(sam);
  await mriRow(sam, "RQ").getByRole("button", { name: "Write RQ" }).click();
  await expect(sam.getByRole("form", { name: "RQ Required quality" })).toBeVisible();
  const result = await new AxeBuilder({ page: sam }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
  await sam.context().close();
});

test("the Service Master records an end-of-life decision and an operations member sees the service retiring, then retired, without reloading", async ({ browser }) => {
  const sam = await openAs(browser, "sam", wallPath(SERVICE_WALL_SERVICE.key));
  const otto = await openAs(browser, "otto", wallPath(SERVICE_WALL_SERVICE.key));
  await waitLive(sam);
  await waitLive(otto);
  await expect(otto.getByTestId("eol-state")).toHaveText("State: Active");
  // Only the Service Master decides: Otto's wall has no control for it.
  await expect(eolPanel(otto).getByRole("button", { name: "Decide the end of life" })).toHaveCount(0);

  await eolPanel(sam).getByRole("button", { name: "Decide the end of life" }).click();
  const form = sam.getByRole("form", { name: "End-of-life decision" });
  // The date field has focus: the decision can be typed from the keyboard.
  await expect(form.getByLabel("End-of-life date (UTC)")).toBeFocused();
  await form.getByLabel("End-of-life date (UTC)").fill("2027-03-31");
  await form.getByLabel("Conditions").fill("Every customer migrated or given notice");
  await form.getByLabel("Migration or notice plan").fill("Move customers to the new conversion service; 90-day notice to the rest.");
  await form.getByRole("button", { name: "Record decision: Retiring" }).click();

  await expect(sam.getByTestId("eol-state")).toHaveText("State: Retiring");
  await expect(otto.getByTestId("eol-state")).toHaveText("State: Retiring");
  await expect(otto.getByTestId("retiring-banner")).toContainText("2027-03-31");
  await expect(eolPanel(otto)).toContainText("Move customers to the new conversion service");
  await expect(eolPanel(otto)).toContainText("Sam Servicemaster");
  // Now the choice is to retire it or keep it; retired is final, so it asks first.
  await expect(eolPanel(sam).getByRole("button", { name: "Keep the service" })).toBeVisible();
  await eolPanel(sam).getByRole("button", { name: "Retire the service now…" }).click();
  await eolPanel(sam).getByRole("button", { name: `Yes, retire ${SERVICE_WALL_SERVICE.name} now` }).click();
  // Otto's wall turns read-only as it happens: the banner, and no control left on the MRI.
  await expect(otto.getByTestId("retired-banner")).toBeVisible();
  await expect(otto.getByTestId("eol-state")).toHaveText("State: Retired");
  await expect(sam.getByRole("main").getByRole("button")).toHaveCount(0);
  await sam.context().close();
  await otto.context().close();
});

test("a retired service shows no write controls on its walls, and the API refuses its writes", async ({ browser }) => {
  // Sam is its Service Master: the matrix would allow every write, the retirement does not.
  const sam = await openAs(browser, "sam", wallPath(RETIRED_SERVICE.key));
  await waitLive(sam);
  await expect(sam.getByTestId("retired-banner")).toContainText("is retired: it is read-only");
  await expect(sam.getByTestId("eol-state")).toHaveText("State: Retired");
  const main = sam.getByRole("main");
  // Every panel reads; no button anywhere on the wall changes anything.
  for (const name of ["Edit RF", "Mark RF reviewed", "Choose required entries", "New service level", "Record a recovery test", "Plan a month", "Enter an actual", "Decide the end of life"]) {
    await expect(main.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(main.getByRole("button")).toHaveCount(0);
  await expect(mriRow(sam, "RF")).toContainText("Served desktop customers");

  const list = (await (await sam.request.get("/api/v1/services")).json()) as { services: Array<{ id: string; key: string }> };
  const id = list.services.find((s) => s.key === RETIRED_SERVICE.key)!.id;
  const refused = await sam.request.put(`/api/v1/services/${id}/mri/RQ`, { data: { content: "Too late" } });
  expect(refused.status()).toBe(422);

  // The value-stream wall of it: the same banner, no New item.
  await sam.goto(`/services/${RETIRED_SERVICE.key}`);
  await expect(sam.getByTestId("retired-banner")).toBeVisible();
  await expect(sam.getByRole("button", { name: "New item" })).toHaveCount(0);
  await sam.context().close();
});
