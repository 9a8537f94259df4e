import "server-only";
import { AppError } from "@/lib/errors";
import { ZAcceptInviteRequest } from "@/lib/schemas/identity";
import { hashPassword } from "@/server/auth/password";
import { hashToken } from "@/server/auth/request-actor";
import { db } from "@/server/db";
import { parseInput } from "@/server/services/parse-input";

/** An invited user sets their password; the invitation is spent. */
export async function acceptInvite(input: unknown) {
  const cmd = parseInput(ZAcceptInviteRequest, input);
  const passwordHash = await hashPassword(cmd.password);
  const hash = hashToken(cmd.token);
  const updated = await db.user.updateMany({
    where: { inviteTokenHash: hash, inviteExpiresAt: { gt: new Date() }, disabled: false },
    data: { passwordHash, inviteTokenHash: null, inviteExpiresAt: null },
  });
  if (updated.count !== 1) throw new AppError("NOT_FOUND", "This invitation is not valid or has expired.");
  return { ok: true as const };
}
