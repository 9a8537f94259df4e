import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./support/test";
import { WEBHOOK_SERVICE } from "./support/accounts";
import { openAs, wallSnapshot } from "./support/session";

// Outbound webhooks (issue 14.6), as the Service Master uses them: add a chat webhook from the
// keyboard, see the secret once, an andon pulled reaches a real receiver (in this test process)
// without anyone waiting for it, the delivery log says so, and a replay sends it again.
test("the Service Master adds a webhook, an andon reaches the receiver, the log shows it delivered, and a replay sends it again", async ({ browser }) => {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/chat`;
  try {
    const sam = await openAs(browser, "sam", `/services/${WEBHOOK_SERVICE.key}/settings/webhooks`);
    await expect(sam.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(sam.getByRole("navigation", { name: `Settings of ${WEBHOOK_SERVICE.name}` }).getByRole("link", { name: "Webhooks" })).toHaveAttribute("aria-current", "page");
    await expect(sam.getByText("No webhooks yet.")).toBeVisible();

    // From the keyboard: a wrong URL is refused next to its field, then the right one is sent with Enter.
    await sam.getByLabel("Name").fill("#ops channel");
    await sam.getByLabel("Chat: Slack, Mattermost, Teams").check();
    await sam.getByLabel("URL").fill("ftp://example.com/hook");
    await sam.getByLabel("URL").press("Enter");
    await expect(sam.getByTestId("field-error")).toHaveText("Only http:// and https:// URLs can receive webhooks.");
    await expect(sam.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
    await sam.getByLabel("URL").fill(url);
    await sam.getByLabel("URL").press("Enter");
    await expect(sam.getByTestId("one-time-secret").getByRole("textbox")).toHaveValue(/^whsec_/);
    const row = sam.getByTestId("webhook-row").filter({ hasText: "#ops channel" });
    await expect(row).toContainText("Andon pulled");

    const { service, stages } = await wallSnapshot(sam.request, WEBHOOK_SERVICE.key);
    const pulled = await sam.request.post(`/api/v1/services/${service.id}/andons`, { data: { stageId: stages[1]!.id, reason: "Smoke test red" } });
    expect(pulled.status()).toBe(201);
    // The andon and the Kaizen problem it opens: both are among the default events.
    await expect.poll(() => received.map((r) => r.headers["x-obeya-event"]).sort()).toEqual(["andon.pulled", "problem.opened"]);
    const andon = received.find((r) => r.headers["x-obeya-event"] === "andon.pulled")!;
    expect(JSON.parse(andon.body).text).toBe(`*${WEBHOOK_SERVICE.name}* · Andon pulled on Deploy: Smoke test red (by Sam Servicemaster) — ${new URL(sam.url()).origin}/services/${WEBHOOK_SERVICE.key}`);
    expect(andon.headers["x-obeya-signature"]).toMatch(/^sha256=[0-9a-f]{64}$/);

    await row.getByRole("button", { name: "Deliveries of #ops channel" }).click();
    const delivery = row.getByTestId("delivery-row").filter({ hasText: "Andon pulled" });
    await expect(delivery).toContainText("Andon pulled");
    await expect(delivery).toContainText("Delivered");
    const result = await new AxeBuilder({ page: sam }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(" ")) }))).toEqual([]);

    await delivery.getByRole("button", { name: /^Replay event/ }).click();
    await expect(row.getByRole("status")).toContainText("queued to be sent again");
    await expect.poll(() => received.length).toBe(3);
    expect(received[2]!.body).toBe(andon.body);
    await sam.context().close();
  } finally {
    receiver.close();
  }
});
