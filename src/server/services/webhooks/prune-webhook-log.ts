import "server-only";
import { db } from "@/server/db";

/** How long finished deliveries (delivered or given up) stay in the log a Service Master reads and replays from. */
export const WEBHOOK_LOG_KEEP_DAYS = 30;

/**
 * Deletes finished deliveries older than the retention (their attempts go with them); pending
 * ones always stay. Idempotent, so every instance's worker may run it.
 */
export async function pruneWebhookLog(now = new Date(), keepDays = WEBHOOK_LOG_KEEP_DAYS): Promise<number> {
  const { count } = await db.webhookDelivery.deleteMany({
    where: { status: { in: ["DELIVERED", "FAILED"] }, createdAt: { lt: new Date(now.getTime() - keepDays * 86_400_000) } },
  });
  return count;
}
