import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { KAIZEN_OVERDUE_PROBLEM, KAIZEN_PROBLEM, KAIZEN_SERVICE } from "./support/accounts";
import { openAs, waitLive } from "./support/session";

// Kaizen (issue 10): a problem walked from Plan to Closed by the roles that own each step while
// a second browser watches; a Kaizen-in-advance proposal, late on the value-stream wall, answered
// upstream; axe scans of the problem sheet and the Kaizen wall. Own team and service (fixture.ts).

const kaizenPath = `/services/${KAIZEN_SERVICE.key}/kaizen`;
const state = (page: Page) => page.getByRole("list", { name: "PDCA cycle" }).locator('[aria-current="step"]');

async function axe(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

test("a problem walks from Plan to Closed, each step by the role that owns it, each seen live in the other's browser", async ({ browser }) => {
  // Ola owns the problem and its countermeasure; Pia is the Process Master.
  const ola = await openAs(browser, "ola", kaizenPath);
  await ola.getByRole("link", { name: KAIZEN_PROBLEM }).click();
  await expect(ola).toHaveURL(/\/kaizen\/[^/]+$/);
  const sheetPath = new URL(ola.url()).pathname;
  const pia = await openAs(browser, "pia", sheetPath);
  await waitLive(ola);
  await waitLive(pia);
  await expect(state(pia)).toHaveText("Plan");
  await ola.getByRole("button", { name: "Move to Do" }).click();
  await expect(state(pia)).toHaveText("Do");

  // Check waits for the countermeasure; its owner marks it done (checked once the server took it).
  await expect(ola.getByRole("button", { name: "Move to Check" })).toBeDisabled();
  const done = ola.getByRole("checkbox", { name: "Acceptance tests for the checkout in the pipeline" });
  await done.click();
  await expect(done).toBeChecked();
  await expect(pia.getByTestId("countermeasure").first()).toHaveAttribute("data-done", "true");
  await ola.getByRole("button", { name: "Move to Check" }).click();
  await expect(state(pia)).toHaveText("Check");
  // The KPI is judged by the Process Master, not by the owner.
  await expect(ola.getByRole("button", { name: "Move to Act" })).toHaveCount(0);
  await pia.getByRole("button", { name: "Move to Act" }).click();
  await expect(state(ola)).toHaveText("Act");
  expect(await axe(pia)).toEqual([]);

  await pia.getByRole("button", { name: "Move to Closed" }).click();
  const dialog = pia.getByTestId("close-problem-dialog");
  await dialog.getByRole("button", { name: "Close the problem" }).click();
  // No standard: said next to the field, nothing closed.
  await expect(dialog.getByLabel("The new standard")).toHaveAttribute("aria-invalid", "true");
  await expect(state(ola)).toHaveText("Act");
  await dialog.getByLabel("The new standard").fill("Routine deploys are approved by the pipeline's acceptance tests.");
  await dialog.getByRole("button", { name: "Close the problem" }).click();
  await expect(state(ola)).toHaveText("Closed");
  await expect(ola.getByText("Routine deploys are approved by the pipeline's acceptance tests.")).toBeVisible();
  await expect(ola.getByTestId("pdca-history").getByRole("listitem")).toHaveCount(4);
  await pia.context().close();
  await ola.context().close();
});

test("a proposal late on the value-stream wall is answered upstream on the Kaizen wall; an overdue countermeasure links its sheet", async ({ browser }) => {
  const ken = await openAs(browser, "ken", `/services/${KAIZEN_SERVICE.key}`);
  const development = ken.locator('[data-testid="stage-column"][data-stage-key="development"]');
  const operations = ken.locator('[data-testid="stage-column"][data-stage-key="operations"]');
  await expect(operations.getByRole("link", { name: "Countermeasure overdue" })).toHaveAttribute("href", /\/kaizen\/[^/#]+$/);
  // Each stage header links the sheet of its open Kaizen problem.
  await expect(operations.getByTestId("stage-kaizen").getByRole("link")).toHaveText(`Kaizen: ${KAIZEN_OVERDUE_PROBLEM}`);
  // The feedback loop: Operations' proposal back to Development, waiting for its answer.
  await expect(ken.getByTestId("feedback-loop").getByRole("link", { name: /Operations proposes to Development/ })).toContainText("8 days");
  await development.getByRole("link", { name: "Kaizen proposal unanswered" }).click();
  await expect(ken).toHaveURL(`${kaizenPath}#proposals-heading`);
  await waitLive(ken);
  expect(await axe(ken)).toEqual([]);

  const card = ken.getByTestId("proposal").filter({ hasText: "Generate a /health page" });
  await card.getByRole("button", { name: "Answer the proposal from Operations" }).click();
  const form = card.getByRole("form", { name: "Answer the proposal from Operations" });
  await form.getByLabel("Reason").fill("Agreed: the converter writes it.");
  await form.getByLabel("It becomes").selectOption("CRITERION");
  await form.getByLabel("Done-criterion").fill("A /health page is generated");
  await form.getByRole("button", { name: "Send answer" }).click();
  await expect(card.getByTestId("proposal-answer")).toContainText("Accepted by Ken Developer: Agreed: the converter writes it.");
  await expect(card.getByTestId("proposal-answer")).toContainText("became a done-criterion of Development");

  // The wall's Development stage no longer shows the late proposal; the overdue countermeasure stays.
  await ken.goto(`/services/${KAIZEN_SERVICE.key}`);
  await expect(operations.getByRole("link", { name: "Countermeasure overdue" })).toBeVisible();
  await expect(development.getByText("Kaizen proposal unanswered")).toHaveCount(0);
  await expect(ken.getByTestId("feedback-loop")).toHaveCount(0);
  await operations.getByRole("link", { name: "Countermeasure overdue" }).click();
  await expect(ken.getByRole("heading", { level: 1 })).toContainText(KAIZEN_OVERDUE_PROBLEM);

  // The problem strip at the top of the wall links the same sheet beside Operations' entry.
  await ken.goto(`/services/${KAIZEN_SERVICE.key}`);
  const strip = ken.getByTestId("problem-board");
  await strip.getByRole("link", { name: "Problem sheet: Countermeasure overdue, Operations", exact: true }).click();
  await expect(ken.getByRole("heading", { level: 1 })).toContainText(KAIZEN_OVERDUE_PROBLEM);
  await ken.context().close();
});
