import "server-only";
import { type Actor, actorUserId } from "@/domain/permissions";
import { AppError } from "@/lib/errors";
import { ZReleaseAndonRequest, type TAndon, type TReleaseAndonRequest } from "@/lib/schemas/andon";
import { assertCan, visibleServiceWhere } from "@/server/auth/authorize";
import { runCommand } from "@/server/services/events/run-command";
import { parseInput } from "@/server/services/parse-input";
import { ANDON_SELECT, toAndonDto } from "./andon-dto";

/**
 * Restarts the line: the andon is released with the countermeasure taken. Its Kaizen problem
 * stays open (the root cause is analysed there, PDCA); the stage accepts items again.
 */
export async function releaseAndon(actor: Actor, andonId: string, input: TReleaseAndonRequest): Promise<TAndon> {
  const { result } = await runCommand(actorUserId(actor), async (tx, emit) => {
    const andon = await tx.andon.findFirst({
      where: { id: andonId, service: visibleServiceWhere(actor) },
      select: { ...ANDON_SELECT, service: { select: { teamId: true } } },
    });
    if (!andon) throw new AppError("NOT_FOUND", "Andon not found.");
    await assertCan(actor, "andon.release", { teamId: andon.service.teamId, serviceId: andon.serviceId });
    const cmd = parseInput(ZReleaseAndonRequest, input);
    const by = actorUserId(actor);
    // releasedAt: null in the WHERE: of two people releasing at once, one does it, the other is told.
    const updated = await tx.andon.updateMany({
      where: { id: andon.id, releasedAt: null },
      data: { releasedAt: new Date(), releasedById: by, countermeasure: cmd.countermeasure },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "The andon was released already.");
    const row = await tx.andon.findUniqueOrThrow({ where: { id: andon.id }, select: ANDON_SELECT });
    emit(andon.serviceId, "andon.released", {
      andonId: andon.id,
      countermeasure: cmd.countermeasure,
      stageId: andon.stageId,
      itemId: andon.itemId,
    });
    return toAndonDto(row);
  });
  return result;
}
