// Mints a real next-auth session cookie for a user, as the sign-in flow would.
import { encode } from "next-auth/jwt";
import { authSecret } from "@/server/env";
import { db } from "@/server/db";

export const SESSION_COOKIE = "next-auth.session-token";

export async function sessionCookie(userId: string): Promise<string> {
  const { sessionVersion } = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { sessionVersion: true } });
  const token = await encode({ token: { uid: userId, sv: sessionVersion, sub: userId }, secret: authSecret() });
  return `${SESSION_COOKIE}=${token}`;
}
