// End of life: only the Service Master decides (permission service.endOfLife). The service goes
// ACTIVE → RETIRING (a date, the conditions, the migration or notice plan) → RETIRED. A retiring
// service may be kept after all (back to ACTIVE); RETIRED is final: the service is read-only
// everywhere and keeps its history.

export const SERVICE_STATUSES = ["ACTIVE", "RETIRING", "RETIRED"] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];

export const END_OF_LIFE_DECISIONS = ["RETIRE", "RETIRED", "KEEP"] as const;
export type EndOfLifeDecision = (typeof END_OF_LIFE_DECISIONS)[number];

export type EndOfLifeCheck = { ok: true; to: ServiceStatus } | { ok: false; code: "SERVICE_RETIRED" | "NOT_RETIRING" | "ALREADY_RETIRING"; message: string };

/** The transition a decision makes from a status, or why it may not. */
export function decideEndOfLife(from: ServiceStatus, decision: EndOfLifeDecision): EndOfLifeCheck {
  if (from === "RETIRED") return { ok: false, code: "SERVICE_RETIRED", message: "The service is retired: its end of life was decided and it is read-only." };
  switch (decision) {
    case "RETIRE":
      return from === "ACTIVE"
        ? { ok: true, to: "RETIRING" }
        : { ok: false, code: "ALREADY_RETIRING", message: "The service is already retiring; retire it, or keep it." };
    case "RETIRED":
      return from === "RETIRING"
        ? { ok: true, to: "RETIRED" }
        : { ok: false, code: "NOT_RETIRING", message: "Decide the end of life first (a date and a plan): an active service is not retired at once." };
    case "KEEP":
      return from === "RETIRING"
        ? { ok: true, to: "ACTIVE" }
        : { ok: false, code: "NOT_RETIRING", message: "The service is active: there is no end of life to take back." };
  }
}

/** A retired service refuses every write; the message every door answers with. */
export function retiredMessage(name: string): string {
  return `${name} is retired: it is read-only and keeps its history.`;
}

const DAY_MS = 86_400_000;
/** Within this many days of its end-of-life date, a retiring service with open work is a problem. */
export const END_OF_LIFE_WARNING_DAYS = 30;

export function daysUntil(date: Date, now: Date): number {
  return Math.ceil((date.getTime() - now.getTime()) / DAY_MS);
}

/**
 * What a service in this status still allows the UI to offer: a retired service only reads
 * (runCommand refuses every write on the server; the walls show no write control).
 */
export function allowedInStatus(action: string, status: ServiceStatus): boolean {
  return status !== "RETIRED" || action === "service.view";
}
