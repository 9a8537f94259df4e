import "server-only";
import { createHash } from "node:crypto";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import type { Tx } from "@/server/db";

/** What names one attempt of a write: the client's Idempotency-Key, on one operation of one service. */
export type IdempotencyScope = { serviceId: string; operation: string; key: string };

// The header's value, as clients send it: a UUID or any short token of visible characters.
const KEY_SHAPE = /^[\x21-\x7e]{8,200}$/;

/** The Idempotency-Key header of a request, checked; null when the client sent none. */
export function readIdempotencyKey(req: Request): string | null {
  const raw = req.headers.get("idempotency-key");
  if (raw === null) return null;
  const key = raw.trim();
  if (!KEY_SHAPE.test(key)) {
    throw new AppError("BAD_REQUEST", "The Idempotency-Key header must be 8 to 200 visible characters, e.g. a UUID.", {
      issues: [{ path: "Idempotency-Key", code: "invalid_format", message: "Idempotency-Key must be 8 to 200 visible characters" }],
    });
  }
  return key;
}

export function fingerprintOf(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

const actorIdOf = (actor: Actor) => (actor.kind === "user" ? actor.userId : `token:${actor.tokenId}`);

/**
 * The first answer to this key, if the attempt ran already. Call it inside the command's
 * transaction after taking the service's lock, so a concurrent repeat waits for the first to
 * commit and then finds its answer here. The same key with another body or from someone else
 * is refused: replaying the first answer would hide that the request was different.
 */
export async function findIdempotentAnswer<T>(tx: Tx, actor: Actor, scope: IdempotencyScope, fingerprint: string): Promise<T | null> {
  const row = await tx.idempotentRequest.findUnique({
    where: { serviceId_operation_key: scope },
    select: { fingerprint: true, actorId: true, response: true },
  });
  if (!row) return null;
  if (row.fingerprint !== fingerprint || row.actorId !== actorIdOf(actor)) {
    throw new AppError("CONFLICT", "This Idempotency-Key was already used for a different request. Send a new key for a new request.");
  }
  return row.response as T;
}

/** Keeps the answer of the attempt, in the same transaction as its writes. */
export async function recordIdempotentAnswer(tx: Tx, actor: Actor, scope: IdempotencyScope, fingerprint: string, response: unknown) {
  await tx.idempotentRequest.create({
    data: { ...scope, actorId: actorIdOf(actor), fingerprint, response: response as object },
    select: { id: true },
  });
}
