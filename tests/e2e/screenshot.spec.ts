import { expect, test } from "./support/test";
import { FLOW_SERVICE } from "./support/accounts";
import { openAs, waitLive } from "./support/session";

// A picture of a populated wall for a person to look at (WALL_SCREENSHOT, default /tmp/wall.png).
// The e2e admin sees every service, so it opens the demo seed's first service when there is one.
test("screenshot of a live wall", async ({ browser }, testInfo) => {
  const page = await openAs(browser, "admin", "/");
  const links = page.getByRole("list", { name: "Services" }).getByRole("link");
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((els) => els.map((a) => a.getAttribute("href") ?? ""));
  const target = hrefs.find((h) => !h.includes("/e2e-")) ?? `/services/${FLOW_SERVICE.key}`;

  await page.goto(target);
  await waitLive(page);
  await expect(page.getByTestId("stage-column").first()).toBeVisible();
  const path = process.env.WALL_SCREENSHOT ?? "/tmp/wall.png";
  await page.screenshot({ path });
  await testInfo.attach("wall", { path, contentType: "image/png" });
  await page.context().close();
});
