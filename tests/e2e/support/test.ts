// Every spec imports `test` from here, not from @playwright/test: a context a test opens with
// browser.newContext() is closed when the test ends, pass or fail. Playwright closes only the
// contexts of its own fixtures; the others stayed open for the rest of the worker's run, each a
// live wall page taking every event — a leaked Alice showed as a second tab in tv.spec's presence
// check, and the leaks together made the run three times slower.
import { test as base } from "@playwright/test";

export * from "@playwright/test";

export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      await Promise.all(browser.contexts().filter((c) => !before.has(c)).map((c) => c.close().catch(() => {})));
    },
    { auto: true },
  ],
});
