import "server-only";
import { MRI_LABELS, type MriKind } from "@/domain/mri";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import {
  ZMriKind,
  ZPutMriEntryRequest,
  ZSetMriRequiredRequest,
  ZVersionedRequest,
  type TPutMriEntryRequest,
  type TServiceWallWrite,
  type TSetMriRequiredRequest,
  type TVersionedRequest,
} from "@/lib/schemas/service-wall";
import type { Tx } from "@/server/db";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { actorIdOf, bumpServiceVersion, lastSeqOf, serviceFor } from "./service-wall-access";

// The minimum required information: one entry per kind and service, edited with its version
// (409 on a stale one), reviewed (which restarts its review interval), or removed.

async function ownerMustBeMember(tx: Tx, teamId: string, ownerId: string | null) {
  if (!ownerId) return;
  const member = await tx.membership.findFirst({ where: { teamId, userId: ownerId }, select: { id: true } });
  if (!member) throw new AppError("RULE_VIOLATION", "The owner must be a member of the service's team.", { rule: "OWNER_NOT_MEMBER" });
}

function staleVersion(kind: MriKind, current: number): never {
  throw new AppError("VERSION_CONFLICT", `${MRI_LABELS[kind]} was changed since you looked: reload and try again.`, { current: { version: current } });
}

/** Creates or edits one MRI entry. */
export async function putMriEntry(actor: Actor, serviceId: string, kindInput: string, input: TPutMriEntryRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "mri.edit");
    const kind = parseInput(ZMriKind, kindInput);
    const cmd = parseInput(ZPutMriEntryRequest, input);
    await ownerMustBeMember(tx, service.teamId, cmd.ownerId);
    const existing = await tx.mriEntry.findUnique({ where: { serviceId_kind: { serviceId: service.id, kind } }, select: { id: true, version: true } });
    let entry: { id: string; version: number };
    if (!existing) {
      entry = await tx.mriEntry.create({
        data: { serviceId: service.id, kind, content: cmd.content, ownerId: cmd.ownerId, reviewIntervalDays: cmd.reviewIntervalDays, reviewedAt: new Date() },
        select: { id: true, version: true },
      });
    } else {
      if (cmd.expectedVersion === undefined) {
        throw new AppError("VERSION_CONFLICT", `${MRI_LABELS[kind]} exists already: edit it with the version you saw.`, { current: { version: existing.version } });
      }
      const { count } = await tx.mriEntry.updateMany({
        where: { id: existing.id, version: cmd.expectedVersion },
        // Editing the content is a review too: someone read and rewrote it today.
        data: { content: cmd.content, ownerId: cmd.ownerId, reviewIntervalDays: cmd.reviewIntervalDays, reviewedAt: new Date(), version: { increment: 1 } },
      });
      if (count === 0) staleVersion(kind, existing.version);
      entry = { id: existing.id, version: cmd.expectedVersion + 1 };
    }
    emit(service.id, "mri.updated", { entryId: entry.id, kind, version: entry.version });
    return { serviceId: service.id, id: entry.id, version: entry.version };
  });
  return { ok: true, id: result.id, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}

/** Marks an entry reviewed today: still true, checked by someone. */
export async function reviewMriEntry(actor: Actor, serviceId: string, kindInput: string, input: TVersionedRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "mri.edit");
    const kind = parseInput(ZMriKind, kindInput);
    const cmd = parseInput(ZVersionedRequest, input);
    const existing = await tx.mriEntry.findUnique({ where: { serviceId_kind: { serviceId: service.id, kind } }, select: { id: true, version: true } });
    if (!existing) throw new AppError("NOT_FOUND", `${MRI_LABELS[kind]} has no entry to review yet.`);
    const { count } = await tx.mriEntry.updateMany({
      where: { id: existing.id, version: cmd.expectedVersion },
      data: { reviewedAt: new Date(), version: { increment: 1 } },
    });
    if (count === 0) staleVersion(kind, existing.version);
    emit(service.id, "mri.reviewed", { entryId: existing.id, kind, version: cmd.expectedVersion + 1 });
    return { serviceId: service.id, id: existing.id, version: cmd.expectedVersion + 1 };
  });
  return { ok: true, id: result.id, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}

/** Removes an entry (its history stays in the events). */
export async function removeMriEntry(actor: Actor, serviceId: string, kindInput: string, input: TVersionedRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "mri.edit");
    const kind = parseInput(ZMriKind, kindInput);
    const cmd = parseInput(ZVersionedRequest, input);
    const existing = await tx.mriEntry.findUnique({ where: { serviceId_kind: { serviceId: service.id, kind } }, select: { id: true, version: true } });
    if (!existing) throw new AppError("NOT_FOUND", `${MRI_LABELS[kind]} has no entry.`);
    const { count } = await tx.mriEntry.deleteMany({ where: { id: existing.id, version: cmd.expectedVersion } });
    if (count === 0) staleVersion(kind, existing.version);
    emit(service.id, "mri.removed", { entryId: existing.id, kind });
    return { serviceId: service.id, id: existing.id };
  });
  return { ok: true, id: result.id, version: null, seq: lastSeqOf(events, result.serviceId) };
}

/** Which MRI entries this service must keep (the set depends on the business). */
export async function setMriRequired(actor: Actor, serviceId: string, input: TSetMriRequiredRequest): Promise<TServiceWallWrite> {
  const { result, events } = await runCommand(actorIdOf(actor), async (tx, emit) => {
    const service = await serviceFor(tx, actor, serviceId, "mri.edit");
    const cmd = parseInput(ZSetMriRequiredRequest, input);
    const version = await bumpServiceVersion(tx, service.id, cmd.expectedVersion);
    const kinds = [...new Set(cmd.kinds)];
    await tx.service.update({ where: { id: service.id }, data: { mriRequiredKinds: kinds.join(",") }, select: { id: true } });
    emit(service.id, "mri.required.set", { kinds, version });
    return { serviceId: service.id, version };
  });
  return { ok: true, id: result.serviceId, version: result.version, seq: lastSeqOf(events, result.serviceId) };
}
