import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { METRICS_SERVICE } from "./support/accounts";
import { createItem, moveCard, openAs, uniqueTitle, waitLive } from "./support/session";

// The known history (tests/e2e/support/fixture.ts), D = five days ago: "Shipped" went
// Backlog → Requirements (D+1) → Development (D+2) → Operations (D+4): lead time 3 days, all of
// it process time (no done-criteria); "Open" is in Development since D+3: WIP 1.
const PAGE = `/services/${METRICS_SERVICE.key}/metrics`;
test.describe.configure({ mode: "serial" });

const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });

async function openTable(page: Page, section: string, caption: string) {
  await region(page, section).getByText(`Data table: ${caption}`).click();
  return region(page, section).getByRole("table", { name: caption });
}

test("the metrics wall draws every chart with the numbers of a known history, and passes axe", async ({ browser }) => {
  const page = await openAs(browser, "alice", PAGE);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Metrics · ${METRICS_SERVICE.name}`);

  // Value stream map: the strip, the totals and the table beside it.
  const vsm = region(page, "Value stream map");
  await expect(vsm.getByRole("list", { name: "Value stream map" }).getByRole("listitem")).toHaveCount(4);
  const totals = page.getByTestId("vsm-totals");
  await expect(totals.getByRole("definition").nth(0)).toHaveText("3 d"); // lead time (mean)
  await expect(totals.getByRole("definition").nth(1)).toHaveText("3 d"); // process time (mean)
  await expect(totals.getByRole("definition").nth(3)).toHaveText("100 %"); // flow efficiency
  await expect(totals.getByRole("definition").nth(4)).toHaveText("1"); // items done
  const vsmTable = vsm.getByRole("table", { name: "Value stream map per stage" });
  // Requirements: Shipped D+1→D+2 and Open D+1→D+3 = 3 days over 2 stays; both passed on.
  await expect(vsmTable.getByRole("row", { name: /^Requirements/ })).toContainText("3 d (36 h)");
  await expect(vsmTable.getByRole("row", { name: /^Requirements/ }).getByRole("cell").nth(2)).toHaveText("2");

  // Charts drawn (SVG), each with its table.
  for (const name of ["Cumulative flow", "Work in progress", "Throughput per week", "Lead time", "Aging work in progress"]) {
    await expect(region(page, name).locator("svg.recharts-surface").first()).toBeVisible();
  }
  const cfd = await openTable(page, "Cumulative flow", "Items per stage at the end of each day");
  await expect(cfd.getByRole("row").last().getByRole("cell")).toHaveText(["0", "0", "1", "1"]);
  await expect(page.getByTestId("wip-now")).toHaveText("1");
  const leads = await openTable(page, "Lead time", "Items done in the period");
  await expect(leads.getByRole("row", { name: /^Shipped/ }).getByRole("cell")).toHaveText([/^\d{4}-\d{2}-\d{2} 00:00$/, "3 d", "3 d", "0 min", "0"]);
  await expect(region(page, "Lead time").getByRole("definition").first()).toHaveText("3 d");
  const throughput = await openTable(page, "Throughput per week", "Items done per ISO week");
  const weeks = await throughput.getByRole("row").allInnerTexts();
  expect(weeks.slice(1).reduce((n, r) => n + Number(r.trim().split(/\s+/).pop()), 0)).toBe(1);
  const aging = await openTable(page, "Aging work in progress", "Open items by age in their current stage, against the stage's history");
  await expect(aging.getByRole("row", { name: /^Open/ })).toContainText("Development");
  await expect(page.getByTestId("forecast-when")).toContainText("with 85% confidence");
  await expect(region(page, "Delivery performance (DORA)")).toContainText("No data: No production deployments were reported in the period.");

  const csv = await page.request.get(`/api/v1/services/${METRICS_SERVICE.key}/metrics?format=csv&chart=wip`);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect((await csv.text()).trim().split("\r\n").pop()).toMatch(/,1$/);

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await page.context().close();
});

test("a move in another browser updates WIP and the cumulative flow live", async ({ browser }) => {
  const alice = await openAs(browser, "alice", PAGE);
  await waitLive(alice);
  await expect(alice.getByTestId("wip-now")).toHaveText("1");
  const cfd = await openTable(alice, "Cumulative flow", "Items per stage at the end of each day");

  const bob = await openAs(browser, "bob", `/services/${METRICS_SERVICE.key}`);
  await waitLive(bob);
  const title = uniqueTitle("Faster checkout");
  await createItem(bob, METRICS_SERVICE.key, title, { stageKey: "backlog" });
  await moveCard(bob, title, "Requirements");

  await expect(alice.getByTestId("wip-now")).toHaveText("2");
  await expect(cfd.getByRole("row").last().getByRole("cell")).toHaveText(["0", "1", "1", "1"]);
  await alice.context().close();
  await bob.context().close();
});

test("a deployment and an incident reported by a pipeline show on DORA live, with lead time and recovery", async ({ browser }) => {
  const alice = await openAs(browser, "alice", PAGE);
  await waitLive(alice);
  const dora = region(alice, "Delivery performance (DORA)");
  await expect(dora).toContainText("No data: No production deployments were reported in the period.");
  const key = (name: string) => dora.getByRole("listitem").filter({ hasText: name });

  // The pipeline (here the admin's session; CI would send an API token): first commit 5 h ago, in production 3 h ago.
  const admin = await openAs(browser, "admin", "/");
  const now = Date.now();
  const ago = (minutes: number) => new Date(now - minutes * 60_000).toISOString();
  const deployment = await admin.request.post(`/api/v1/pipeline/services/${METRICS_SERVICE.key}/deployments`, {
    data: { environment: "production", result: "SUCCESS", startedAt: ago(190), finishedAt: ago(180), commitSha: "e2e1234", firstCommitAt: ago(300), externalId: `e2e-${now}` },
  });
  expect(deployment.status()).toBe(201);
  await expect(key("Lead time for changes")).toContainText("2 h");

  // An incident linked to it by its commit, opened 2 h ago and resolved 30 min later.
  const incident = await admin.request.post(`/api/v1/services/${METRICS_SERVICE.key}/incidents`, {
    data: { key: `E2E-${now}`, title: "Checkout answers 502", severity: "SEV1", openedAt: ago(120), resolvedAt: ago(90), commitSha: "e2e1234" },
  });
  expect(incident.status()).toBe(201);
  await expect(key("Failed deployment recovery time")).toContainText("30 min");
  await expect(key("Change failure rate")).toContainText("100 % (1 of 1)");
  await alice.context().close();
  await admin.context().close();
});
