// Cutting a page's live connection from the test, and telling whether the page reloaded.
import { expect, type Page, type WebSocketRoute } from "@playwright/test";

/** Routes the page's Socket.IO traffic through the test, which can then cut it and restore it. */
export async function cuttableSocket(page: Page) {
  const sockets: WebSocketRoute[] = [];
  let cut = false;
  let upgraded!: () => void;
  // The app's clients open a WebSocket straight away (transports: ["websocket"], decision 010):
  // the cut waits for the client's Socket.IO connect packet ("40…") on it. A client that opened
  // with long-polling would upgrade instead, and closing the WebSocket while the upgrade is being
  // probed only makes it stay on polling: then the upgrade packet ("5") is the moment.
  const firstWebSocket = new Promise<void>((resolve) => (upgraded = resolve));
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    if (cut) return void ws.close();
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      server.send(message);
      if (message === "5" || (typeof message === "string" && message.startsWith("40"))) upgraded();
    });
    sockets.push(ws);
  });
  // A client on long-polling reconnects over HTTP first: refuse that too while cut.
  await page.route("**/socket.io/**", (route) => (cut ? route.abort() : route.continue()));
  return {
    async cut() {
      await firstWebSocket;
      cut = true;
      for (const ws of sockets.splice(0)) await ws.close();
    },
    restore() {
      cut = false;
    },
  };
}

/** Marks the page's window: the mark survives anything but a reload. */
export async function markNoReload(page: Page) {
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
}

export async function expectNotReloaded(page: Page) {
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
}
