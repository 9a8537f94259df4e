// The change wall in Chromium on the demo data: a developer raises an RfC through the form and
// sees no approval buttons; the Service Master and the reliability engineer each turn their key
// and the approved change shows on the backlog, live.
import { expect, test, type Browser, type Page } from "./support/test";

const PASSWORD = "obeya-demo";
const PEOPLE = {
  serviceMaster: { email: "service.master@convertia.example", name: "Sven Lindqvist" },
  reliability: { email: "reliability@convertia.example", name: "Ravi Menon" },
  developer: { email: "dev2@convertia.example", name: "Mei Chen" },
};
const CHANGES = "/services/conversion-portal/changes";

// Several browsers signed in per test: on a busy machine that outlasts the default minute.
test.describe.configure({ timeout: 180_000 });

async function openAs(browser: Browser, who: { email: string; name: string }, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // a cold server can take a while to render the first page after sign-in
  await expect(page).toHaveURL((url) => url.pathname === path, { timeout: 30_000 });
  await expect(page.getByTestId("connection-status")).toHaveAttribute("data-status", "live");
  return page;
}

const card = (page: Page, title: string) => page.getByTestId("rfc-card").filter({ has: page.getByRole("heading", { name: title }) });

test("raise by form, two keys by two people, the item reaches the backlog live", async ({ browser }) => {
  const title = `Invoice export ${Math.random().toString(36).slice(2, 8)}`;
  const dev = await openAs(browser, PEOPLE.developer, CHANGES);
  const form = dev.getByRole("form", { name: "Raise a request for change" });
  await form.getByLabel("Title").fill(title);
  await form.getByLabel("What should change").fill("Export invoices as CSV");
  await form.getByLabel("Why").fill("Customers ask support for it every week");
  await form.getByLabel("Raised from").selectOption({ label: "Customer service" });
  await form.getByRole("button", { name: "Raise" }).click();
  await expect(card(dev, title)).toHaveAttribute("data-status", "PENDING");
  // a developer holds no key: no approval buttons
  await expect(card(dev, title).getByRole("button", { name: /Approve|Reject/ })).toHaveCount(0);

  const sm = await openAs(browser, PEOPLE.serviceMaster, CHANGES);
  const backlog = await (await browser.newContext()).newPage();
  await backlog.goto(`/signin?callbackUrl=${encodeURIComponent("/services/conversion-portal/backlog")}`);
  await backlog.getByLabel("Email").fill(PEOPLE.developer.email);
  await backlog.getByLabel("Password").fill(PASSWORD);
  await backlog.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(backlog.getByTestId("connection-status")).toHaveAttribute("data-status", "live");

  await expect(card(sm, title).getByRole("button", { name: "Approve as reliability engineer" })).toHaveCount(0);
  await card(sm, title).getByRole("button", { name: "Approve as Service Master" }).click();
  await expect(card(sm, title).getByTestId("key-SERVICE_MASTER")).toContainText("approved by Sven Lindqvist");
  // the Service Master turned one key: they are offered no other
  await expect(card(sm, title).getByRole("button", { name: /Approve|Reject/ })).toHaveCount(0);
  // the developer's change wall follows live
  await expect(card(dev, title).getByTestId("key-SERVICE_MASTER")).toContainText("approved by Sven Lindqvist");

  const re = await openAs(browser, PEOPLE.reliability, CHANGES);
  await card(re, title).getByRole("button", { name: "Approve as reliability engineer" }).click();
  await expect(card(re, title)).toHaveAttribute("data-status", "APPROVED");
  await expect(card(sm, title)).toHaveAttribute("data-status", "APPROVED");
  await expect(backlog.getByTestId("backlog-title").filter({ hasText: title })).toHaveCount(1);

  for (const p of [dev, sm, re, backlog]) await p.context().close();
});

test("a rejection needs a reason and ends the request", async ({ browser }) => {
  const title = `Dark mode ${Math.random().toString(36).slice(2, 8)}`;
  // Raised by the developer: the one who raises a change turns neither key (issue 9.3).
  const dev = await openAs(browser, PEOPLE.developer, CHANGES);
  const res = await dev.request.post("/api/v1/services/conversion-portal/rfcs", {
    data: { title, what: "A dark theme", why: "Asked by two customers", source: "CUSTOMER_SERVICE" },
  });
  expect(res.status()).toBe(201);
  await dev.context().close();
  const re = await openAs(browser, PEOPLE.reliability, CHANGES);
  await card(re, title).getByRole("button", { name: "Reject as reliability engineer" }).click();
  await card(re, title).getByLabel("Why do you reject it?").fill("No measurable value stated");
  await card(re, title).getByRole("button", { name: "Reject", exact: true }).click();
  await expect(card(re, title)).toHaveAttribute("data-status", "REJECTED");
  await expect(card(re, title).getByTestId("key-RELIABILITY_ENGINEER")).toContainText("No measurable value stated");
  await re.context().close();
});

test("the reliability engineer who raised a change is offered neither key, and the API refuses it (issue 9.3)", async ({ browser }) => {
  const title = `Queue alert ${Math.random().toString(36).slice(2, 8)}`;
  const re = await openAs(browser, PEOPLE.reliability, CHANGES);
  const res = await re.request.post("/api/v1/services/conversion-portal/rfcs", {
    data: { title, what: "Alert on queue age", why: "A customer saw the breach first", source: "MONITORING" },
  });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await expect(card(re, title)).toHaveAttribute("data-status", "PENDING");
  await expect(card(re, title).getByTestId("rfc-raised-by-you")).toBeVisible();
  await expect(card(re, title).getByRole("button", { name: /Approve|Reject/ })).toHaveCount(0);
  const bypass = await re.request.post(`/api/v1/rfcs/${id}/decision`, { data: { decision: "APPROVE", role: "RELIABILITY_ENGINEER" } });
  expect(bypass.status()).toBe(403);
  expect(((await bypass.json()) as { error: { message: string } }).error.message).toContain("You raised this change");
  await re.context().close();
});
