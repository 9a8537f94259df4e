// What every visitor and every screen gets (issue 9.17): the site's icon and a web manifest (so a
// TV or tablet can pin a wall), the site's own 404 page, and a 1280×720 TV whose stage names,
// problems and card titles are whole: no word broken in the middle, no title cut to two words.
import { expect, test } from "./support/test";
import { TV_WORDS_SERVICE } from "./support/accounts";
import { openAs, wallSnapshot } from "./support/session";

test("icon and manifest, the site's 404 page, and a 1280 px TV without cut titles or broken words", async ({ browser, page }) => {
  const res = await page.goto("/no-such-page");
  expect(res!.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Back to your services" })).toHaveAttribute("href", "/");

  // Linked from every page (this one included) and served.
  expect(await page.locator('link[rel="icon"]').evaluateAll((links) => links.map((l) => l.getAttribute("href")))).toContain("/favicon.ico");
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("icon");
  const manifest = (await (await page.request.get((await page.locator('link[rel="manifest"]').getAttribute("href"))!)).json()) as {
    name: string;
    icons: { src: string; sizes: string }[];
  };
  expect(manifest.name).toBe("Obeya");
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status(), icon.src).toBe(200);

  const admin = await openAs(browser, "admin", "/");
  const { service } = await wallSnapshot(admin.request, TV_WORDS_SERVICE.key);
  const token = await admin.request.post(`/api/v1/services/${service.id}/tokens`, { data: { kind: "WALL", name: "TV at 1280 px" } });
  expect(token.status(), await token.text()).toBe(201);
  const { secret } = (await token.json()) as { secret: string };

  const tv = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  await tv.goto(`/tv/${TV_WORDS_SERVICE.key}?token=${encodeURIComponent(secret)}`);
  await expect(tv.getByTestId("tv-status")).toHaveAttribute("data-status", "live");
  for (const title of Object.values(TV_WORDS_SERVICE.cards)) await expect(tv.getByTestId("tv-card-title").filter({ hasText: title })).toBeVisible();

  // Every text of the board fits its box whole (no overflow either way, so no clamped title) and
  // words never break (overflow-wrap and word-break left normal).
  const texts = await tv
    .locator('[data-testid="tv-column"] :is(h2, [data-testid="stage-problems"] li, [data-testid="stage-green"], [data-testid="tv-card-title"])')
    .evaluateAll((els) =>
      els.map((e) => {
        const style = getComputedStyle(e);
        return {
          text: e.textContent,
          cut: e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1,
          breaksWords: style.overflowWrap !== "normal" || style.wordBreak !== "normal",
          px: parseFloat(style.fontSize),
        };
      }),
    );
  expect(texts.length).toBeGreaterThanOrEqual(11 + Object.keys(TV_WORDS_SERVICE.cards).length);
  expect(texts.filter((t) => t.cut || t.breaksWords)).toEqual([]);
  // Still TV type: nothing below 10 px at 1280 px.
  expect(Math.min(...texts.map((t) => t.px))).toBeGreaterThanOrEqual(10);
  await tv.screenshot({ path: test.info().outputPath("tv-1280.png") });
  await Promise.all([admin.context().close(), tv.context().close()]);
});
