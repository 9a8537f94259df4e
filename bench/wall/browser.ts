// Phase 3: the wall's time until a card can be dragged, in headless Chromium, against the
// production build served by server.ts (Next.js + Socket.IO), for walls of 1,000 and 5,000 items
// beside a 10-item wall in the same run (what the page costs with almost nothing on it).
//
// "Can be dragged" (measured in the page, from navigation start = performance.timeOrigin): the
// first card's drag handle — an element dnd-kit marks with aria-roledescription, or the card's
// move menu when there is none — is in the DOM, visible, not disabled, carries React's event
// handlers (its own __reactProps$ or, walking up, its card's has an on* function: dnd-kit's
// pointer listener sits on the card), and React has committed the page's
// hydration (the root is no longer dehydrated). Before that commit a pointer-down would be held
// by React until the whole page hydrated; after it, a drag starts. Checked every animation frame
// by a script injected before the page's own, so a main thread busy hydrating delays the check
// exactly as it would delay the user.
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { percentile, WALL_DATA_DIR, WALL_SECRET, wallEnv, type PhaseOutput, type Row, type WallFixture } from "./common";

const LOADS = Number(process.env.BENCH_WALL_LOADS ?? 3);
const LOAD_TIMEOUT_MS = 90_000;
const WALL_CAP_MS = Number(process.env.BENCH_WALL_BROWSER_CAP_MS ?? 30_000);
const CHROMIUM = process.env.BENCH_CHROMIUM ?? "/usr/bin/chromium";

declare global {
  interface Window {
    __wallBench?: { paintedAt: number | null; readyAt: number | null; how: string | null };
  }
}

// Runs in the page before its own scripts. Plain JavaScript in a string: a TypeScript function
// would reach the page through tsx, whose transform adds helper calls the page does not have.
const PROBE = `(() => {
  const state = { paintedAt: null, readyAt: null, how: null };
  window.__wallBench = state;
  const reactKey = (el, prefix) => Object.keys(el).find((k) => k.startsWith(prefix));
  const rootCommitted = () => {
    const key = reactKey(document, "__reactContainer$");
    const hostRoot = key ? document[key] : null;
    return hostRoot?.stateNode?.current?.memoizedState?.isDehydrated === false;
  };
  const check = () => {
    const card = document.querySelector('[data-testid="item-card"]');
    if (card) {
      const r = card.getBoundingClientRect();
      if (state.paintedAt === null && r.width > 0 && r.height > 0) state.paintedAt = performance.now();
      const handle =
        (card.getAttribute("aria-roledescription") ? card : null) ??
        card.querySelector("[aria-roledescription]") ??
        card.querySelector("select, button");
      if (handle) {
        const hr = handle.getBoundingClientRect();
        const enabled = !handle.disabled && handle.getAttribute("aria-disabled") !== "true";
        // The handle's own handlers, or its card's: a drag listens on the card (pointer) and
        // the grip is where the keyboard picks it up; a press on the grip reaches both.
        const handlersOf = (el) => {
          const propsKey = reactKey(el, "__reactProps$");
          const props = propsKey ? el[propsKey] : undefined;
          return props ? Object.keys(props).filter((k) => /^on[A-Z]/.test(k) && typeof props[k] === "function") : [];
        };
        let handlers = [];
        for (let el = handle; el && handlers.length === 0; el = el === card ? null : el.parentElement) handlers = handlersOf(el);
        if (hr.width > 0 && hr.height > 0 && enabled && handlers.length > 0 && rootCommitted()) {
          state.readyAt = performance.now();
          const role = handle.getAttribute("aria-roledescription");
          state.how = handle.tagName.toLowerCase() + (role ? "[aria-roledescription=" + role + "]" : "") + " with " + handlers.join(",");
          return;
        }
      }
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

function get(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", () => resolve(0));
  });
}

function newestSource(dir: string, than: number): string | null {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "generated") continue;
      const found = newestSource(p, than);
      if (found) return found;
    } else if (/\.(ts|tsx|css)$/.test(entry.name) && statSync(p).mtimeMs > than) return p;
  }
  return null;
}

async function startApp(appDir: string, port: number): Promise<ChildProcess> {
  const logFd = openSync(path.join(WALL_DATA_DIR, "server.log"), "w");
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: wallEnv({ PORT: String(port), HOSTNAME: "127.0.0.1", NEXTAUTH_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: "warn" }),
    cwd: appDir,
    stdio: ["ignore", logFd, logFd],
  });
  closeSync(logFd);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server.ts exited with ${child.exitCode} (see bench/.data/wall/server.log)`);
    if ((await get(`http://127.0.0.1:${port}/api/health`)) === 200) return child;
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGKILL");
  throw new Error("server.ts did not answer /api/health within 60 s");
}

export async function runBrowser(f: WallFixture, appDir: string, port: number): Promise<PhaseOutput> {
  const rows: Row[] = [];
  const notes: string[] = [];
  const buildId = path.join(appDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) {
    notes.push(`skipped: no production build in ${appDir} (npm run build there, see bench/README.md)`);
    return { rows, notes };
  }
  const newer = newestSource(path.join(appDir, "src"), statSync(buildId).mtimeMs);
  if (newer) notes.push(`WARNING: the build in ${appDir} is older than ${path.relative(appDir, newer)}: rebuild`);
  if (path.resolve(appDir) !== process.cwd()) notes.push(`served from ${appDir} (BENCH_APP_DIR), built ${new Date(statSync(buildId).mtimeMs).toISOString()}`);

  const { chromium } = await import("@playwright/test");
  const { encode } = await import("next-auth/jwt");
  const token = await encode({ token: { sub: f.masterId, uid: f.masterId, sv: 0 }, secret: WALL_SECRET });

  const server = await startApp(appDir, port);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const origin = `http://127.0.0.1:${port}`;
    // One context for every wall: its first load (the smallest wall, not counted) warms the
    // server's code paths and the HTTP cache, as for someone who opens the wall every day.
    // Each wall gets LOADS loads, but no new one after WALL_CAP_MS (at least one).
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addCookies([{ name: "next-auth.session-token", value: token, url: origin, httpOnly: true, sameSite: "Lax" }]);
    await context.addInitScript({ content: PROBE });
    const results = new Map<number, { ready: number[]; painted: number[]; how: string | null; cards: number; elements: number; htmlBytes: number }>();
    let warm = false;
    for (const wall of [...f.walls].sort((a, b) => a.items - b.items)) {
      const r = { ready: [] as number[], painted: [] as number[], how: null as string | null, cards: 0, elements: 0, htmlBytes: 0 };
      const wallStarted = performance.now();
      for (let i = warm ? 1 : 0; i <= LOADS && (r.ready.length === 0 || performance.now() - wallStarted < WALL_CAP_MS); i++) {
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(`${origin}/services/${wall.key}`, { waitUntil: "commit", timeout: LOAD_TIMEOUT_MS });
        await page.waitForFunction(() => window.__wallBench?.readyAt != null, undefined, { timeout: Math.max(1_000, LOAD_TIMEOUT_MS - (performance.now() - started)) });
        const got = await page.evaluate(() => ({
          ...window.__wallBench!,
          cards: document.querySelectorAll('[data-testid="item-card"]').length,
          elements: document.getElementsByTagName("*").length,
          htmlBytes: (window.performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined)?.decodedBodySize ?? 0,
        }));
        await page.close();
        console.log(`  ${wall.key} load ${i}${i === 0 ? " (warm-up)" : ""}: draggable at ${Math.round(got.readyAt!)} ms, ${got.cards} cards, ${got.elements} elements`);
        if (i === 0) continue;
        r.ready.push(got.readyAt!);
        r.painted.push(got.paintedAt ?? NaN);
        r.how = got.how;
        r.cards = got.cards;
        r.elements = got.elements;
        r.htmlBytes = got.htmlBytes;
      }
      warm = true;
      results.set(wall.items, r);
    }
    await context.close();
    const base = results.get(Math.min(...results.keys()))!;
    const baseItems = Math.min(...results.keys());
    for (const [items, r] of results) {
      if (items === baseItems) continue;
      const value = Math.round(percentile(r.ready, 50));
      const targetMs = items <= 1000 ? 1000 : 2000;
      rows.push({
        metric: `wall of ${items.toLocaleString("en")} items: navigation → first card draggable, median of ${r.ready.length}`,
        value,
        baseline: Math.round(percentile(base.ready, 50)),
        baselineLabel: `${baseItems}-item wall`,
        unit: "ms",
        target: `≤ ${targetMs / 1000} s`,
        met: value <= targetMs,
      });
      notes.push(
        `${items} items: draggable at ${r.ready.map((x) => Math.round(x)).join(", ")} ms (worst ${Math.round(Math.max(...r.ready))}); first card painted (server HTML) median ${Math.round(percentile(r.painted, 50))} ms; ${r.cards} cards and ${r.elements} elements in the DOM, ${Math.round(r.htmlBytes / 1024)} KiB of HTML; handle: ${r.how}`,
      );
    }
    notes.push(`${baseItems}-item wall: draggable at ${base.ready.map((x) => Math.round(x)).join(", ")} ms; painted median ${Math.round(percentile(base.painted, 50))} ms; handle: ${base.how}`);
    notes.push(`Chromium ${browser.version()} headless, 1920×1080, warm HTTP cache (one context; its first load, of the smallest wall, not counted); server.ts (production build) on loopback`);
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (server.exitCode === null) server.kill("SIGKILL");
  }
  return { rows, notes };
}
