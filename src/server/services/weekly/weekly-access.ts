import "server-only";
import { isFutureWeek } from "@/domain/kaizen/weeks";
import { parseIsoWeek } from "@/domain/weekly";
import type { Actor } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { visibleServiceWhere } from "@/server/auth/authorize";
import type { Tx } from "@/server/db";
import { fieldError } from "@/server/services/problems/problem-access";

/** The service if the actor sees it (404 for missing and not yours alike), with its scope. */
export async function findWeeklyService(tx: Tx, actor: Actor, serviceKeyOrId: string) {
  const service = await tx.service.findFirst({
    where: { AND: [{ OR: [{ id: serviceKeyOrId }, { key: serviceKeyOrId }] }, visibleServiceWhere(actor)] },
    select: { id: true, teamId: true },
  });
  if (!service) throw new AppError("NOT_FOUND", "Service not found.");
  return { ...service, scope: { teamId: service.teamId, serviceId: service.id } };
}

/** The meeting's week: a real ISO week that has started (a meeting not held yet records nothing). */
export function meetingWeek(label: string, now: Date): Date {
  const monday = parseIsoWeek(label);
  if (!monday) throw fieldError("week", "That ISO week does not exist: give one such as 2026-W49.");
  if (isFutureWeek(monday, now)) throw fieldError("week", "That week has not started yet: record its meeting once it has.");
  return monday;
}
