import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { WEEKLY_SERVICE } from "./support/accounts";
import { openAs, waitLive, wallSnapshot } from "./support/session";

// The weekly synchronisation (issue 13.2): the agenda of this week lists a problem opened this
// week; Pia (Process Master) records a decision and an action against its line and Ken sees
// both on his own screen without a reload; Ken marks his action done and Pia sees it. Then the
// page is looked at on a phone, a laptop, a wide screen and on paper (one or two pages).
test("the weekly agenda lists a problem opened this week and records a decision seen live in a second browser", async ({ browser }, testInfo) => {
  const pia = await openAs(browser, "pia", `/services/${WEEKLY_SERVICE.key}`);
  const { service, stages } = await wallSnapshot(pia.request, WEEKLY_SERVICE.key);
  const title = `Checkout times out ${Date.now()}`;
  const opened = await pia.request.post(`/api/v1/services/${service.id}/problems`, { data: { title, stageId: stages[1]!.id } });
  expect(opened.status(), await opened.text()).toBe(201);

  await pia.getByRole("link", { name: "Weekly", exact: true }).click();
  await expect(pia).toHaveURL(`/services/${WEEKLY_SERVICE.key}/weekly`);
  await waitLive(pia);
  const line = pia.getByTestId("weekly-problemsOpened").getByTestId("agenda-line").filter({ hasText: title });
  await expect(line).toContainText(`${title} · Operations`);

  const ken = await openAs(browser, "ken", `/services/${WEEKLY_SERVICE.key}/weekly`);
  await waitLive(ken);
  const kenLine = ken.getByTestId("weekly-problemsOpened").getByTestId("agenda-line").filter({ hasText: title });
  await expect(kenLine).toBeVisible();
  // A developer reads the agenda; recording is the facilitator's.
  await expect(ken.getByText("Record a decision or action")).toHaveCount(0);

  await line.getByText("Record a decision or action").click();
  await line.getByLabel("What was decided").fill("Roll back the checkout release");
  await line.getByRole("button", { name: "Record decision" }).click();
  await expect(kenLine.getByTestId("weekly-decision")).toContainText("Decision: Roll back the checkout release — Pia Processmaster");

  // An action for Ken, due this week: on his screen with a Done box; he ticks it, Pia sees it done.
  await line.getByText("Record a decision or action").click();
  await line.getByLabel("Action", { exact: true }).check();
  await line.getByLabel("What is to be done").fill("Add a timeout alarm");
  await line.getByLabel("Owner").selectOption({ label: "Ken Developer" });
  await line.getByRole("button", { name: "Record action" }).click();
  const kenAction = ken.getByTestId("weekly-actions").getByTestId("agenda-line").filter({ hasText: "Add a timeout alarm" });
  await expect(kenAction).toContainText("Add a timeout alarm — Ken Developer");
  await kenAction.getByRole("checkbox", { name: /^Done:/ }).check();
  await expect(pia.getByTestId("weekly-actions").getByTestId("agenda-line").filter({ hasText: "Add a timeout alarm" })).toContainText("done");

  const axe = await new AxeBuilder({ page: pia }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(axe.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

  // Last week's agenda is one link away and does not list this week's problem.
  await pia.getByRole("link", { name: /^← \d{4}-W\d{2}$/ }).click();
  await expect(pia).toHaveURL(/\/weekly\?week=\d{4}-W\d{2}$/);
  await expect(pia.getByText(title)).toHaveCount(0);
  await pia.getByRole("link", { name: "This week" }).click();
  await expect(line).toBeVisible();

  for (const [width, height] of [[390, 844], [1366, 768], [1920, 1080]] as const) {
    await pia.setViewportSize({ width, height });
    expect(await pia.evaluate(() => document.documentElement.scrollWidth), `no sideways scroll at ${width}px`).toBeLessThanOrEqual(width);
    await pia.screenshot({ path: testInfo.outputPath(`weekly-${width}x${height}.png`), fullPage: true });
  }
  await pia.emulateMedia({ media: "print" });
  await pia.setViewportSize({ width: 794, height: 1123 });
  await pia.screenshot({ path: testInfo.outputPath("weekly-print.png"), fullPage: true });
  await expect(pia.getByRole("button", { name: "Print agenda" })).toBeHidden();
  const pdf = await pia.pdf({ format: "A4" });
  await import("node:fs").then((fs) => fs.writeFileSync(testInfo.outputPath("weekly.pdf"), pdf));
  const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages, "the agenda prints on one or two pages").toBeGreaterThanOrEqual(1);
  expect(pages, "the agenda prints on one or two pages").toBeLessThanOrEqual(2);
  await pia.context().close();
  await ken.context().close();
});
