import "server-only";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { db } from "@/server/db";
import { CLIENT_ADDRESS_HEADER } from "@/server/http/client-address";
import { json } from "@/server/http/handler";

// Failed sign-ins are limited per account and per address: 10 a minute, the 11th gets 429.
// In-memory per instance; with several instances behind a proxy each keeps its own count,
// which only loosens the limit by the number of instances (see docs/decisions).
const WINDOW_SECONDS = 60;
const MAX_FAILURES = 10;
const byAccount = new RateLimiterMemory({ keyPrefix: "signin-account", points: MAX_FAILURES, duration: WINDOW_SECONDS });
const byAddress = new RateLimiterMemory({ keyPrefix: "signin-ip", points: MAX_FAILURES, duration: WINDOW_SECONDS });

/** The address server.ts resolved for this request (X-Forwarded-For only behind TRUST_PROXY). */
export function clientAddress(req: Request): string {
  return req.headers.get(CLIENT_ADDRESS_HEADER) || "local";
}

async function exhausted(limiter: RateLimiterMemory, key: string): Promise<number | null> {
  const res = await limiter.get(key);
  return res && res.consumedPoints >= MAX_FAILURES ? Math.ceil(res.msBeforeNext / 1000) : null;
}

function isFailedSignIn(res: Response): boolean {
  if (res.status === 401) return true;
  const location = res.headers.get("location") ?? "";
  if (location.includes("error=")) return true;
  return false;
}

/** Wraps next-auth's credentials callback: refuse when over the limit, count failures after. */
export async function guardCredentialsSignIn(req: Request, delegate: (req: Request) => Promise<Response>) {
  const form = await req.clone().formData().catch(() => null);
  const email = String(form?.get("email") ?? "").toLowerCase().slice(0, 200);
  const ip = clientAddress(req);
  const wait = (await exhausted(byAccount, email)) ?? (await exhausted(byAddress, ip));
  if (wait !== null) {
    await db.auditLog
      .create({ data: { actorId: null, action: "auth.signin", outcome: "rate_limited", detail: { email }, ip } })
      .catch(() => undefined);
    return json(
      { error: { code: "RATE_LIMITED", message: `Too many failed sign-ins. Try again in ${wait} s.` } },
      429,
      { "retry-after": String(wait) },
    );
  }
  const res = await delegate(req);
  if (isFailedSignIn(res)) {
    await Promise.all([byAccount.penalty(email, 1), byAddress.penalty(ip, 1)]);
  }
  return res;
}
