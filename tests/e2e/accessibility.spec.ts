import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { createItem, openAs, uniqueTitle, waitLive } from "./support/session";

// WCAG 2.1 A/AA rules that axe can check automatically; a person still has to try the keyboard.
async function violations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
}

test("the sign-in page, the services list and the wall have no automatically detectable accessibility violations", async ({ page, browser }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@e2e.test");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  expect(await violations(page)).toEqual([]);

  const alice = await openAs(browser, "alice", "/");
  expect(await violations(alice)).toEqual([]);

  await alice.goto(`/services/${FLOW_SERVICE.key}`);
  await waitLive(alice);
  await createItem(alice, FLOW_SERVICE.key, uniqueTitle("Accessible card"));
  await expect(alice.getByTestId("item-card").first()).toBeVisible();
  expect(await violations(alice)).toEqual([]);
  await alice.context().close();
});

test("a card can be moved with the keyboard alone", async ({ browser }) => {
  const page = await openAs(browser, "alice", `/services/${FLOW_SERVICE.key}`);
  await waitLive(page);
  const title = uniqueTitle("Keyboard move");
  await createItem(page, FLOW_SERVICE.key, title);
  const menu = page.getByRole("combobox", { name: `Move “${title}” to another stage` });
  await expect(menu).toBeVisible();
  await menu.focus();
  // Arrow keys on a closed <select> change its value: the first option after "Move to…".
  await page.keyboard.press("ArrowDown");
  await expect(
    page.locator('[data-testid="stage-column"][data-stage-key="marketing"]').getByTestId("item-card").filter({ hasText: title }),
  ).toBeVisible();
  await page.context().close();
});
