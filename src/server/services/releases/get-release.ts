import "server-only";
import type { Actor } from "@/domain/permissions";
import type { TGateDecision, TRelease } from "@/lib/schemas/release";
import { assertCan } from "@/server/auth/authorize";
import { db } from "@/server/db";
import { withTransactionScope } from "@/server/services/events/after-transaction";
import { findVisibleRelease } from "./load-release";
import { readRelease } from "./read-releases";

/** One release with its items, decision history (newest first) and deployments. */
export async function getRelease(actor: Actor, releaseId: string): Promise<TRelease> {
  // A denial is recorded after the read transaction: on SQLite a write inside it would wait for it.
  return withTransactionScope(() =>
    db.$transaction(async (tx) => {
      const release = await findVisibleRelease(tx, actor, releaseId);
      await assertCan(actor, "service.view", { teamId: release.service.teamId, serviceId: release.serviceId });
      return readRelease(tx, release.id);
    }),
  );
}

/** The decision history of a release, newest (standing) first: the audit trail. */
export async function listGateDecisions(actor: Actor, releaseId: string): Promise<TGateDecision[]> {
  return (await getRelease(actor, releaseId)).decisions;
}
