import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { db } from "@/server/db";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { json } from "@/server/http/handler";
import { metrics } from "@/server/observability/metrics";

// Failed password sign-ins are limited per account and per address, separately (OWASP
// Authentication Cheat Sheet), because the two protect against different things:
// - per account (10 failures a minute): guessing one person's password from many addresses.
//   Past it the account answers 429 for the rest of the minute, right password or not.
// - per address (10 failures a minute): one address guessing many accounts. Past it the address
//   is slowed down, not shut out: its attempts run one at a time, each after ADDRESS_DELAY_MS;
//   a right password still signs in, a wrong one answers 429. So one person mistyping (or one
//   attacker) behind an office's NAT address cannot lock the whole office out (issue 9), while a
//   guesser there gets at most one try per delay.
// In-memory per instance; several instances each keep their own count, which only loosens the
// limit by the number of instances (see docs/decisions/008).
const WINDOW_SECONDS = 60;
const MAX_FAILURES = 10;
export const ADDRESS_DELAY_MS = 1_000;

type Limiters = { byAccount: RateLimiterMemory; byAddress: RateLimiterMemory; slowLanes: Map<string, Promise<unknown>> };

function createLimiters(): Limiters {
  return {
    byAccount: new RateLimiterMemory({ keyPrefix: "signin-account", points: MAX_FAILURES, duration: WINDOW_SECONDS }),
    byAddress: new RateLimiterMemory({ keyPrefix: "signin-ip", points: MAX_FAILURES, duration: WINDOW_SECONDS }),
    slowLanes: new Map(),
  };
}

let limiters = createLimiters();

/** For tests: start from clean counts. */
export function resetSignInLimits(): void {
  limiters = createLimiters();
}

/** The address server.ts resolved for this request (X-Forwarded-For only behind TRUST_PROXY). */
export function clientAddress(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) || "local";
}

async function exhausted(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  const res = await limiter.get(key);
  return res && res.consumedPoints >= MAX_FAILURES ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : null;
}

function isFailedSignIn(res: Response): boolean {
  if (res.status === 401) return true;
  const location = res.headers.get("location") ?? "";
  if (location.includes("error=")) return true;
  return false;
}

async function refuse(email: string, ip: string, wait: number, limit: "account" | "address"): Promise<Response> {
  metrics().rateLimited.inc({ limiter: `signin-${limit}` });
  await db.auditLog
    .create({ data: { actorId: null, action: "auth.signin", outcome: "rate_limited", detail: { email, limit }, ip } })
    .catch(() => undefined);
  const message =
    limit === "account"
      ? `Too many failed sign-ins for this account. Try again in ${wait} s.`
      : `Too many failed sign-ins from your network. Check the password and try again in ${wait} s.`;
  return json({ error: { code: "RATE_LIMITED", message } }, 429, { "retry-after": String(wait) });
}

/** Runs `work` after the address's earlier slowed attempts, ADDRESS_DELAY_MS after the previous one. */
function inSlowLane<T>(ip: string, work: () => Promise<T>): Promise<T> {
  const lanes = limiters.slowLanes;
  const previous = lanes.get(ip) ?? Promise.resolve();
  const run = previous.then(
    () => new Promise((r) => setTimeout(r, ADDRESS_DELAY_MS)).then(work),
    () => new Promise((r) => setTimeout(r, ADDRESS_DELAY_MS)).then(work),
  );
  const settled = run.catch(() => undefined);
  lanes.set(ip, settled);
  void settled.then(() => {
    if (lanes.get(ip) === settled) lanes.delete(ip);
  });
  return run;
}

/** Wraps next-auth's credentials callback: refuse or slow down when over a limit, count failures after. */
export async function guardCredentialsSignIn(req: Request, delegate: (req: Request) => Promise<Response>) {
  const form = await req.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "").toLowerCase().slice(0, 200);
  const ip = clientAddress(req);
  const { byAccount, byAddress } = limiters;
  const accountWait = await exhausted(byAccount, email);
  if (accountWait !== null) return refuse(email, ip, accountWait, "account");

  const attempt = async (): Promise<{ res: Response; failed: boolean }> => {
    const res = await delegate(req);
    const failed = isFailedSignIn(res);
    if (failed) metrics().signInFailures.inc();
    if (failed) await Promise.all([byAccount.penalty(email, 1), byAddress.penalty(ip, 1)]);
    return { res, failed };
  };

  if ((await exhausted(byAddress, ip)) === null) return (await attempt()).res;
  return inSlowLane(ip, async () => {
    const { res, failed } = await attempt();
    if (!failed) return res;
    return refuse(email, ip, (await exhausted(byAddress, ip)) ?? 1, "address");
  });
}
