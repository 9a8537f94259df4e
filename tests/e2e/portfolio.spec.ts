import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { PORTFOLIO_GREEN, PORTFOLIO_RED, PORTFOLIO_UNSEEN } from "./support/accounts";
import { openAs, waitLive, wallSnapshot } from "./support/session";

// The portfolio wall (issue 13.1) as Petra sees it: the services of her two teams only, worst
// first, each stage a green or red cell saying what is wrong; an andon pulled elsewhere turns a
// cell red and re-sorts the rows without a reload.
test("the portfolio shows the visible services worst first and a change elsewhere turns a cell red live", async ({ browser }) => {
  const page = await openAs(browser, "petra", "/");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Portfolio" }).click();
  await expect(page).toHaveURL("/portfolio");
  await waitLive(page);

  const rows = page.getByTestId("portfolio-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.getByRole("heading", { level: 2 })).toHaveText([PORTFOLIO_RED.name, PORTFOLIO_GREEN.name]);
  await expect(page.getByText(PORTFOLIO_UNSEEN.name)).toHaveCount(0);
  const red = rows.filter({ hasText: PORTFOLIO_RED.name });
  await expect(red.getByTestId("portfolio-andons")).toHaveText("1 open andon");
  await expect(red.getByTestId("portfolio-cell").filter({ hasText: "Run" })).toHaveAttribute("data-state", "red");
  await expect(red.getByTestId("portfolio-cell").filter({ hasText: "Run" })).toContainText("Andon pulled: Payments down");
  const green = rows.filter({ hasText: PORTFOLIO_GREEN.name });
  await expect(green.getByTestId("portfolio-cell")).toHaveCount(2);
  await expect(green.getByText("No problems")).toBeVisible();

  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

  // Elsewhere (the API, not this page): an andon on Green's Build stage.
  const { service, stages } = await wallSnapshot(page.request, PORTFOLIO_GREEN.key);
  const res = await page.request.post(`/api/v1/services/${service.id}/andons`, { data: { stageId: stages.find((s) => s.key === "build")!.id, reason: "Build broken" } });
  expect(res.status(), await res.text()).toBe(201);

  const build = green.getByTestId("portfolio-cell").filter({ hasText: "Build" });
  await expect(build).toHaveAttribute("data-state", "red");
  await expect(build).toContainText("Andon pulled: Build broken");
  // Both now stop a line once: the tie goes by name, so Green moves up.
  await expect(rows.getByRole("heading", { level: 2 })).toHaveText([PORTFOLIO_GREEN.name, PORTFOLIO_RED.name]);
  // Lead time and delivery tier from the metrics (nothing done, nothing deployed yet here).
  await expect(red.getByTestId("portfolio-lead-time")).toHaveText("Lead time: nothing done in 30 days");
  await expect(red.getByTestId("portfolio-delivery-tier")).toHaveText("Delivery: no deployment in 30 days");

  // The matrix view: the testing pool × Petra's two services only; Tess works for both.
  await page.getByRole("link", { name: "Expert pools × services" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Expert pools × services");
  await expect(page.getByText("more than 3 teams is spread too thin", { exact: false })).toBeVisible();
  await expect(page.getByTestId("matrix-column")).toHaveText([new RegExp(PORTFOLIO_RED.name), new RegExp(PORTFOLIO_GREEN.name)]);
  const tess = page.getByTestId("matrix-pool").filter({ hasText: "E2E Testing Pool" }).getByTestId("matrix-person").filter({ hasText: "Tess Tester" });
  await expect(tess.locator('td[data-works="true"]')).toHaveCount(2);
  await expect(tess.getByRole("cell").last()).toHaveText("2");
  await expect(page.getByText(PORTFOLIO_UNSEEN.name)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("portfolio-matrix.png"), fullPage: true });
  const matrixAxe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(matrixAxe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

  // On a TV, with Petra's session: the same two rows, big type, nothing to press.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto("/portfolio/tv");
  await expect(page.getByTestId("tv-status")).toHaveAttribute("data-status", "live");
  await expect(page.getByTestId("tv-portfolio-row")).toHaveCount(2);
  await expect(page.getByTestId("tv-portfolio-row").first()).toHaveAttribute("data-service-key", PORTFOLIO_GREEN.key);
  expect(await page.getByRole("heading", { level: 2 }).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(30);
  for (const role of ["button", "link", "textbox"] as const) await expect(page.getByRole(role)).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath("portfolio-tv.png") });
  const tvAxe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(tvAxe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);
  await page.context().close();
});
