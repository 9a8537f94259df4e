import "server-only";
import { createHash } from "node:crypto";
import { getToken } from "next-auth/jwt";
import { LAST_USED_RESOLUTION_MS, lastUsedIsStale } from "@/domain/access-tokens";
import { ACTIONS, type Action, type Actor } from "@/domain/permissions";
import { now as clockNow } from "@/server/clock";
import { db } from "@/server/db";
import { authSecret, env } from "@/server/env";
import { loadUserSession } from "@/server/services/actors/load-user-actor";

export type CredentialSource = { cookie?: string | null; authorization?: string | null };

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(";")) {
    const i = part.indexOf("=");
    if (i < 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      out[name] = part.slice(i + 1).trim();
    }
  }
  return out;
}

export function hashToken(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

const secureCookie = (env.NEXTAUTH_URL ?? "").startsWith("https://");

/**
 * Who is behind a request or a socket handshake: an API / wall token (`Authorization: Bearer`),
 * or the next-auth session cookie. Null when neither is valid. Sessions die when the user is
 * disabled or their sessionVersion was bumped (sign-out everywhere, role change).
 */
export async function resolveActor(src: CredentialSource): Promise<Actor | null> {
  const bearer = src.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer && bearer.startsWith("oby_")) return resolveAccessToken(bearer);

  const token = await getToken({
    req: { cookies: parseCookies(src.cookie), headers: {} } as never,
    secret: authSecret(),
    secureCookie,
  });
  if (!token || typeof token.uid !== "string") return null;
  const session = await loadUserSession(token.uid);
  if (!session || session.sessionVersion !== token.sv) return null;
  return session.actor;
}

export async function resolveAccessToken(secret: string): Promise<Actor | null> {
  const row = await db.accessToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { id: true, kind: true, serviceId: true, scopes: true, revokedAt: true, lastUsedAt: true },
  });
  if (!row || row.revokedAt) return null;
  const now = clockNow();
  if (lastUsedIsStale(row.lastUsedAt, now)) {
    // At most one write per token and hour; the guard keeps concurrent requests to one too.
    await db.accessToken.updateMany({
      where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  const scopes = (Array.isArray(row.scopes) ? row.scopes : []).filter((s): s is Action =>
    (ACTIONS as readonly string[]).includes(s as string),
  );
  return { kind: "token", tokenId: row.id, serviceId: row.serviceId, display: row.kind === "WALL", scopes };
}
