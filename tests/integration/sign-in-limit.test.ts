// The sign-in limit (src/server/auth/sign-in-guard.ts) around a stand-in for next-auth's
// credentials callback (next-auth itself needs Next's request scope): failures are limited per
// account and per address separately, and a limited address is slowed down, not shut out, so
// one person cannot lock out an office behind one NAT address (issue 9: before, the right
// password and every other account from that address got 429).
import { beforeEach, describe, expect, it } from "vitest";
import { ADDRESS_DELAY_MS, guardCredentialsSignIn, resetSignInLimits } from "@/server/auth/sign-in-guard";
import { db } from "@/server/db";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { uid } from "../support/factories";

const RIGHT = "the-right-password";

// Answers as next-auth does with json=true: 200 on success, 401 on a wrong password.
async function nextAuthStandIn(req: Request): Promise<Response> {
  const form = await req.formData();
  return form.get("password") === RIGHT
    ? Response.json({ url: "/" }, { status: 200 })
    : Response.json({ url: "/signin?error=CredentialsSignin" }, { status: 401 });
}

function signIn(email: string, password: string, address: string) {
  const body = new URLSearchParams({ email, password, csrfToken: "x", json: "true" });
  const req = new Request("http://localhost:3000/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", [CLIENT_ADDRESS_HEADER]: address },
    body,
  });
  return guardCredentialsSignIn(req, nextAuthStandIn);
}

const person = () => `p-${uid()}@example.test`;
const address = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${uid()}`;

beforeEach(() => resetSignInLimits());

describe("per account", () => {
  it("the 11th failure within a minute for one account is 429 from any address, even with the right password; other accounts are not touched", async () => {
    const target = person();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(target, "guess", address())).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const locked = await signIn(target, RIGHT, address());
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await locked.json()).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringContaining("this account") } });
    expect((await signIn(person(), RIGHT, address())).status).toBe(200);
    const refusals = await db.auditLog.findMany({ where: { action: "auth.signin", outcome: "rate_limited" }, select: { detail: true } });
    expect(refusals.filter((r) => (r.detail as { email?: string }).email === target)).toHaveLength(1);
  });
});

describe("per address", () => {
  it("after 10 failures from one address, the right password of another account still signs in (after a short delay); a wrong one is 429", async () => {
    const office = address();
    for (let i = 0; i < 10; i++) expect((await signIn(person(), "guess", office)).status).toBe(401);

    let started = performance.now();
    const colleague = await signIn(person(), RIGHT, office);
    expect(colleague.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(ADDRESS_DELAY_MS - 20);

    started = performance.now();
    const guesser = await signIn(person(), "guess", office);
    expect(guesser.status).toBe(429);
    expect(await guesser.json()).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringContaining("your network") } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(ADDRESS_DELAY_MS - 20);

    // Another address is not slowed at all.
    started = performance.now();
    expect((await signIn(person(), RIGHT, address())).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(ADDRESS_DELAY_MS);
  });

  it("a limited address gets one try per delay however many it sends at once", async () => {
    const office = address();
    for (let i = 0; i < 10; i++) await signIn(person(), "guess", office);
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 3 }, () => signIn(person(), "guess", office)));
    expect(answers.map((a) => a.status)).toEqual([429, 429, 429]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * ADDRESS_DELAY_MS - 50);
  });
});
