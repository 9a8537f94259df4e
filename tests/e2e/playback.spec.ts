// Wall playback (issue 13.4): an andon pulled and released a few seconds ago is gone from the live
// wall; scrubbing the slider back to a moment in between shows it again, read only (no control
// that writes), with no detectable accessibility violation; one click returns to the live wall.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { card, createItem, openAs, uniqueTitle, waitLive, wallSnapshot } from "./support/session";

test.describe.configure({ timeout: 120_000 });

test("scrubbing back past an andon shows it on a read-only wall; back to live it is gone", async ({ browser }) => {
  const page = await openAs(browser, "alice", `/services/${FLOW_SERVICE.key}`);
  await waitLive(page);
  // An andon on a card of our own in the first stage: nothing upstream of it is stopped.
  const title = uniqueTitle("Playback card");
  const item = await createItem(page, FLOW_SERVICE.key, title);
  const { service } = await wallSnapshot(page.request, FLOW_SERVICE.key);
  const reason = uniqueTitle("Replayed andon");
  const pulled = await page.request.post(`/api/v1/services/${service.id}/andons`, { data: { itemId: item.id, reason } });
  expect(pulled.status(), await pulled.text()).toBe(201);
  const pulledAt = Date.now();
  await page.waitForTimeout(4_000);
  const releasedAt = Date.now();
  const released = await page.request.post(`/api/v1/andons/${((await pulled.json()) as { id: string }).id}/release`, { data: { countermeasure: "Fixed" } });
  expect(released.status(), await released.text()).toBe(200);
  await expect(page.getByText(`Andon pulled: ${reason}`).first()).toBeHidden();

  await page.getByRole("button", { name: "Playback", exact: true }).click();
  const bar = page.getByRole("region", { name: "Wall playback" });
  const slider = bar.getByRole("slider", { name: "Moment shown" });
  await expect(slider).toBeVisible();
  await slider.fill(String(Math.round((pulledAt + releasedAt) / 2)));
  await expect(page.getByText(`Andon pulled: ${reason}`).first()).toBeVisible();
  await expect(page).toHaveURL(/[?&]at=/);
  await expect(bar.getByTestId("playback-moment")).toContainText("read only");
  await expect(bar.getByTestId("playback-events")).toContainText(`Andon pulled: ${reason}`);

  // Read only: no andon to pull or release, no card to move, nothing to create.
  await expect(page.getByRole("button", { name: /pull andon/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^release/i })).toHaveCount(0);
  await expect(card(page, title).getByRole("button", { name: /drag/i })).toHaveCount(0);
  await expect(card(page, title).getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /new item/i })).toHaveCount(0);

  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

  await bar.getByRole("button", { name: "Back to live" }).click();
  await expect(bar).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]at=/);
  await expect(page.getByText(`Andon pulled: ${reason}`).first()).toBeHidden();
  await expect(card(page, title)).toBeVisible();
  await expect(page.getByRole("button", { name: /pull andon/i }).first()).toBeVisible();
  await expect(card(page, title).getByRole("combobox")).toBeVisible();
});
