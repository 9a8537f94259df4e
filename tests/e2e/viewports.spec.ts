import { expect, test } from "./support/test";
import { signIn, waitLive } from "./support/session";

// The demo wall (seeded for every e2e run: an andon on Deployment and eight more problems) on a
// phone, a laptop and a full-HD screen: the problems come first yet the cards keep most of the
// screen, nothing widens the page, and a phone gets one stage at a time and a drawer that fits.
// Only reads the demo, so the other specs' data is untouched. Screenshots: test-results/…/wall-*.png.
const WALL = "/services/mobile-conversion";
const SIZES = [
  { width: 390, height: 844, phone: true },
  { width: 1366, height: 768, phone: false },
  { width: 1920, height: 1080, phone: false },
];

test("the wall shows its problems and its cards at 390×844, 1366×768 and 1920×1080", async ({ browser }, testInfo) => {
  const signedIn = await browser.newContext();
  const first = await signedIn.newPage();
  await signIn(first, "admin", WALL);
  const storageState = await signedIn.storageState();
  await signedIn.close();

  for (const { width, height, phone } of SIZES) {
    const context = await browser.newContext({ storageState, viewport: { width, height }, isMobile: phone, hasTouch: phone });
    const page = await context.newPage();
    await page.goto(WALL);
    await waitLive(page);
    const at = `${width}×${height}`;

    // Problems first, compact: the andon line and a folded strip that unfolds on Enter.
    await expect(page.getByTestId("andon-banner")).toBeInViewport();
    const toggle = page.getByTestId("problem-board-toggle");
    await expect(toggle).toBeInViewport();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(toggle).toContainText(/\d+ open problems/);
    await expect(page.getByTestId("problem-board-kinds")).toContainText("1 andon");

    // The cards get most of the screen, and at least one is in sight without scrolling.
    const board = page.getByRole("region", { name: /^Value stream, stages left to right/ });
    const box = (await board.boundingBox())!;
    expect(box.height, `board height at ${at}`).toBeGreaterThanOrEqual(height * 0.5);
    await expect(page.getByTestId("item-card").filter({ visible: true }).first()).toBeInViewport();
    // Nothing widens the page past the screen (the board scrolls inside itself).
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `page width at ${at}`).toBeLessThanOrEqual(width);
    await page.screenshot({ path: testInfo.outputPath(`wall-${width}x${height}.png`) });

    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByTestId("problem-board-stage").filter({ hasText: "Deployment" })).toBeVisible();
    if (phone) await page.screenshot({ path: testInfo.outputPath(`wall-${width}x${height}-problems.png`) });
    await toggle.click();
    await expect(toggle).toHaveAttribute("aria-expanded", "false");

    if (phone) {
      // One stage at a time, chosen with the picker or stepped with previous/next.
      const shown = page.getByTestId("stage-column").filter({ visible: true });
      await expect(shown).toHaveCount(1);
      const deployment = await page.locator('[data-testid="stage-column"][data-stage-key="deployment"]').getAttribute("data-stage-id");
      await page.getByLabel("Stage shown").selectOption(deployment!);
      await expect(shown).toHaveAttribute("data-stage-key", "deployment");
      await page.getByRole("button", { name: "Next stage: Operations" }).click();
      await expect(shown).toHaveAttribute("data-stage-key", "operations");
      await expect(page.getByLabel("Stage shown")).toHaveValue((await shown.getAttribute("data-stage-id"))!);

      // The card drawer fits the phone, and its last section scrolls into sight.
      await shown.getByTestId("card-title-link").first().click();
      const drawer = page.getByTestId("item-drawer");
      await expect(drawer.getByRole("heading", { name: "History" })).toBeAttached();
      const d = (await drawer.boundingBox())!;
      expect(d.x).toBeGreaterThanOrEqual(0);
      expect(d.x + d.width).toBeLessThanOrEqual(width);
      expect(d.height).toBeLessThanOrEqual(height);
      await expect(drawer.getByRole("button", { name: "Close item detail" })).toBeInViewport();
      await drawer.getByRole("heading", { name: "History" }).scrollIntoViewIfNeeded();
      await expect(drawer.getByRole("heading", { name: "History" })).toBeInViewport();
      await page.screenshot({ path: testInfo.outputPath(`drawer-${width}x${height}.png`) });
    }
    await context.close();
  }
});
