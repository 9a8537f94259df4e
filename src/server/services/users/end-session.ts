import "server-only";
import { db } from "@/server/db";
import { signalAccessChanged } from "@/server/realtime/access-signals";

/**
 * Sign-out ends the session for good: the session cookie is a signed JWT that stays valid until
 * it expires, so clearing it in the browser is not enough (a copy still worked for 8 hours,
 * issue 9). Bumping the user's sessionVersion makes every request and socket handshake refuse
 * it (request-actor.ts compares the cookie's `sv` claim), and the user's open sockets are cut.
 * The version is per user, so this signs the person out on every device (decision 008).
 * Only a cookie that is still current bumps it: a stale copy cannot sign its owner out again.
 */
export async function endSession(token: Record<string, unknown> | null | undefined): Promise<boolean> {
  if (!token || typeof token.uid !== "string" || typeof token.sv !== "number") return false;
  const { count } = await db.user.updateMany({
    where: { id: token.uid, sessionVersion: token.sv },
    data: { sessionVersion: { increment: 1 } },
  });
  if (count === 0) return false;
  await db.auditLog.create({ data: { actorId: token.uid, action: "auth.signout", outcome: "ok", detail: {} } });
  signalAccessChanged({ userId: token.uid });
  return true;
}
