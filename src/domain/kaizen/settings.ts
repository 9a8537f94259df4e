// Kaizen settings a Process Master sets per service. Stored as JSON on the service; anything
// missing takes the default below, so an old or partial setting still reads whole.

/** The wall conditions that open a problem from data when they persist. */
export const DATA_CAUSES = ["WIP_OVER_LIMIT", "AGED", "FAILED_GATE", "FAILING_TEST", "SENT_BACK", "RFC_WAITING", "SLA_BREACH"] as const;
export type DataCause = (typeof DATA_CAUSES)[number];

export type KaizenSettings = {
  /** Check → Act needs the KPI on target this many consecutive weeks. */
  confirmWeeks: number;
  /** Hours a condition must persist before a problem opens (null: never opens one). */
  persistHours: Record<DataCause, number | null>;
  /** SENT_BACK: a stage whose work is sent back more than this many times in 7 days. */
  sentBackPerWeek: number;
  /** A Kaizen-in-advance proposal unanswered for this many days shows on the upstream stage. */
  proposalAnswerDays: number;
};

export const DEFAULT_KAIZEN_SETTINGS: KaizenSettings = {
  confirmWeeks: 2,
  persistHours: { WIP_OVER_LIMIT: 24, AGED: 24, FAILED_GATE: 8, FAILING_TEST: 24, SENT_BACK: 0, RFC_WAITING: 24, SLA_BREACH: 0 },
  sentBackPerWeek: 3,
  proposalAnswerDays: 5,
};

const isCount = (v: unknown, min: number, max: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/** Reads the stored JSON leniently: a field that is missing or malformed keeps its default. */
export function readKaizenSettings(stored: unknown): KaizenSettings {
  const s = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const hours = (s.persistHours && typeof s.persistHours === "object" ? s.persistHours : {}) as Record<string, unknown>;
  const persistHours = { ...DEFAULT_KAIZEN_SETTINGS.persistHours };
  for (const cause of DATA_CAUSES) {
    const v = hours[cause];
    if (v === null || isCount(v, 0, 24 * 365)) persistHours[cause] = v;
  }
  return {
    confirmWeeks: isCount(s.confirmWeeks, 1, 52) ? s.confirmWeeks : DEFAULT_KAIZEN_SETTINGS.confirmWeeks,
    persistHours,
    sentBackPerWeek: isCount(s.sentBackPerWeek, 1, 1000) ? s.sentBackPerWeek : DEFAULT_KAIZEN_SETTINGS.sentBackPerWeek,
    proposalAnswerDays: isCount(s.proposalAnswerDays, 1, 365) ? s.proposalAnswerDays : DEFAULT_KAIZEN_SETTINGS.proposalAnswerDays,
  };
}
