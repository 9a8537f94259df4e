import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { ranksAfter } from "@/domain/ranks";
import { AppError } from "@/lib/errors";
import { ZImportRequest, type TImportReport, type TImportRequest, type TImportRowError } from "@/lib/schemas/backlog";
import type { TWorkItem } from "@/lib/schemas/item";
import { assertCan } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { ITEM_SELECT, toWorkItemDto } from "@/server/services/items/item-dto";
import { parseInput } from "@/server/services/parse-input";
import { findIdempotentAnswer, fingerprintOf, recordIdempotentAnswer } from "@/server/services/idempotency/idempotent-request";
import { findVisibleService, lockService } from "./backlog-access";
import { parseBacklogCsv } from "./backlog-csv";

/**
 * Imports work items from CSV. Every row is checked first, and each bad one is named by its
 * line with everything wrong with it; unless every row is valid nothing is written. A dry run
 * (the default) only reports. A real import writes all rows in one transaction, at the bottom
 * of the backlog in file order, each with its item.created event.
 *
 * With an idempotency key (the Idempotency-Key header) a real import runs once: a repeat of the
 * key — a double-click, a retry after a lost answer, even one sent at the same moment — gets the
 * first import's report back (`replayed: true` for the route) and writes nothing.
 */
export async function importBacklog(
  actor: Actor,
  serviceKeyOrId: string,
  input: TImportRequest,
  opts: { idempotencyKey?: string | null } = {},
): Promise<TImportReport & { replayed?: true }> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const service = await findVisibleService(tx, actor, serviceKeyOrId);
    await assertCan(actor, "item.create", { teamId: service.teamId, serviceId: service.id });
    const cmd = parseInput(ZImportRequest, input);

    // A dry run writes nothing, so it needs no receipt. A real one queues on the service's lock
    // first: a concurrent repeat then waits for the first import to commit and finds its answer.
    const once =
      opts.idempotencyKey && !cmd.dryRun
        ? { scope: { serviceId: service.id, operation: "importBacklog", key: opts.idempotencyKey }, fingerprint: fingerprintOf(cmd) }
        : null;
    if (once) {
      await lockService(tx, service.id);
      const earlier = await findIdempotentAnswer<TImportReport>(tx, actor, once.scope, once.fingerprint);
      if (earlier) return { ...earlier, replayed: true as const };
    }

    const { rows, errors, dataRows } = parseBacklogCsv(cmd.csv);
    const [stages, teams] = await Promise.all([
      tx.stage.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" }, select: { id: true, key: true, name: true, retired: true } }),
      tx.team.findMany({
        where: { OR: [{ id: service.teamId }, { assignedTo: { some: { deliveryTeamId: service.teamId } } }] },
        select: { id: true, name: true },
      }),
    ]);
    const firstOpen = stages.find((s) => !s.retired);
    const stageOf = (name: string) => stages.find((s) => s.key === name || s.name.toLowerCase() === name.toLowerCase());
    const teamOf = (name: string) => teams.find((t) => t.name.toLowerCase() === name.toLowerCase());

    const resolved: Array<{ row: (typeof rows)[number]; stageId: string; teamId: string | null }> = [];
    const rowErrors: TImportRowError[] = [...errors];
    for (const row of rows) {
      const problems: string[] = [];
      const stage = row.stage ? stageOf(row.stage) : firstOpen;
      if (!stage) problems.push(row.stage ? `stage "${row.stage}" is not a stage of this service` : "the service has no open stage");
      else if (stage.retired) problems.push(`stage "${row.stage}" is retired`);
      const team = row.team ? teamOf(row.team) : null;
      if (row.team && !team) problems.push(`team "${row.team}" does not work on this service`);
      if (problems.length) rowErrors.push({ line: row.line, problems });
      else resolved.push({ row, stageId: stage!.id, teamId: team?.id ?? null });
    }
    rowErrors.sort((a, b) => a.line - b.line);
    const valid = rowErrors.length === 0;

    if (!valid && !cmd.dryRun) {
      throw new AppError("RULE_VIOLATION", `${rowErrors.length} of ${dataRows} rows are invalid: nothing was imported.`, {
        errors: rowErrors,
      });
    }
    if (!valid || cmd.dryRun) return { dryRun: cmd.dryRun, valid, rows: dataRows, errors: rowErrors, created: [] };

    await lockService(tx, service.id);
    const last = await tx.workItem.findFirst({ where: { serviceId: service.id }, orderBy: { rank: "desc" }, select: { rank: true } });
    const ranks = ranksAfter(last?.rank ?? null, resolved.length);
    const created: TWorkItem[] = [];
    for (const [i, { row, stageId, teamId }] of resolved.entries()) {
      const item = await tx.workItem.create({
        data: {
          serviceId: service.id,
          stageId,
          teamId,
          kind: row.kind,
          title: row.title,
          description: row.description,
          labels: row.labels,
          businessValue: row.businessValue,
          costEstimate: row.costEstimate,
          rank: ranks[i]!,
          createdById: actorUserId(actor),
        },
        select: ITEM_SELECT,
      });
      const dto = toWorkItemDto(item);
      created.push(dto);
      emit(service.id, "item.created", { item: dto });
    }
    emit(service.id, "backlog.imported", { itemIds: created.map((c) => c.id) });
    const report: TImportReport = { dryRun: false, valid: true, rows: dataRows, errors: [], created };
    if (once) await recordIdempotentAnswer(tx, actor, once.scope, once.fingerprint, report);
    return report;
  });
  return result;
}
