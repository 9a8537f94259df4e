import "server-only";
import { hostname } from "node:os";
import { log } from "@/server/log";
import { detectDataProblemsEverywhere } from "@/server/services/problems/detect-data-problems";
import { startWebhookWorker, stopWebhookWorker, WEBHOOK_POLL_MS } from "@/server/services/webhooks/webhook-worker";
import { claimJobPass } from "./job-lease";

// The periodic work of an instance, started by server.ts (and by the two-instance test's
// instances, tests/support/instance/app-instance.ts). With several instances each job runs
// once between them:
// - problems from data: one pass per interval, claimed through the JobLease row (job-lease.ts);
// - webhook deliveries: every instance polls, each delivery is claimed by one (deliver-webhooks.ts).

export const KAIZEN_DETECT_JOB = "kaizen.detect-data-problems";
export const KAIZEN_DETECT_INTERVAL_MS = 5 * 60_000;

export type BackgroundJobsOptions = {
  kaizenIntervalMs?: number;
  webhookPollMs?: number;
  /** Who holds a pass, as written in JobLease.holder (default host:pid). */
  instance?: string;
};

export type BackgroundJobs = { stop: () => Promise<void> };

export function startBackgroundJobs(opts: BackgroundJobsOptions = {}): BackgroundJobs {
  const intervalMs = opts.kaizenIntervalMs ?? KAIZEN_DETECT_INTERVAL_MS;
  const instance = opts.instance ?? `${hostname()}:${process.pid}`;
  let running: Promise<void> | null = null;

  // Problems from data: wall conditions that persist past a service's threshold open a Kaizen
  // problem. A pass is idempotent (detect-data-problems.ts), but N instances need not do it N times.
  const kaizenPass = () => {
    if (running) return; // a slow pass is still going: this tick's work is its work
    running = (async () => {
      try {
        const claimedAt = new Date();
        if (!(await claimJobPass(KAIZEN_DETECT_JOB, intervalMs, instance, claimedAt))) return;
        const opened = await detectDataProblemsEverywhere();
        log.info(
          { job: KAIZEN_DETECT_JOB, instance, opened, claimedAt: claimedAt.toISOString(), ms: Date.now() - claimedAt.getTime() },
          "problems-from-data pass ran",
        );
      } catch (err) {
        log.error({ err }, "problems-from-data run failed");
      } finally {
        running = null;
      }
    })();
  };
  const kaizenTimer = setInterval(kaizenPass, intervalMs);
  kaizenTimer.unref();

  // Outbound webhooks: sends what commands enqueued (the outbox), retries with backoff.
  startWebhookWorker(opts.webhookPollMs ?? WEBHOOK_POLL_MS);

  return {
    async stop() {
      clearInterval(kaizenTimer);
      // lets an attempt in flight record its outcome; an unfinished claim lapses and is retried
      await stopWebhookWorker();
      await running;
    },
  };
}
