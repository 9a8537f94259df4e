import "server-only";
import { log } from "@/server/log";
import { deliverDueWebhooks, WEBHOOK_CLAIM_BATCH } from "./deliver-webhooks";
import { pruneWebhookLog } from "./prune-webhook-log";

// The background sender, started by server.ts on every instance (claims make that safe: see
// deliver-webhooks.ts). It polls for due deliveries (retries, other instances' rows) and is
// kicked right after a command that enqueued some, so a first attempt does not wait for the
// poll. Lives on globalThis: Next.js bundles route handlers apart from server.ts.
const key = Symbol.for("obeya.webhookWorker");
type Worker = { kick: () => void; stop: () => Promise<void> };
const holder = globalThis as unknown as { [key]?: Worker };

export const WEBHOOK_POLL_MS = 5_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export function startWebhookWorker(pollMs = WEBHOOK_POLL_MS): Worker {
  if (holder[key]) return holder[key];
  let stopped = false;
  let running: Promise<void> | null = null;
  let again = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const { claimed } = await deliverDueWebhooks();
          // a full batch: there may be more due right now
          if (claimed >= WEBHOOK_CLAIM_BATCH) again = true;
        } while (again && !stopped);
      } catch (err) {
        log.error({ err }, "webhook delivery run failed");
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(run, pollMs);
  timer.unref();
  const pruner = setInterval(() => {
    pruneWebhookLog().catch((err: unknown) => log.error({ err }, "webhook log pruning failed"));
  }, PRUNE_EVERY_MS);
  pruner.unref();
  const worker: Worker = {
    kick: () => setImmediate(run),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      clearInterval(pruner);
      await running;
      delete holder[key];
    },
  };
  holder[key] = worker;
  setImmediate(run);
  return worker;
}

/** After a commit that enqueued deliveries: send them now (no-op where no worker runs, e.g. tests). */
export function kickWebhookWorker(): void {
  holder[key]?.kick();
}

export async function stopWebhookWorker(): Promise<void> {
  await holder[key]?.stop();
}
