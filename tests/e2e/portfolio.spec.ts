import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
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
  await page.context().close();
});
