// How the metrics wall writes numbers: durations in minutes, hours or days; percentages whole.
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export function duration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < HOUR) return `${Math.round(ms / MIN)} min`;
  if (ms < 2 * DAY) return `${round1(ms / HOUR)} h`;
  return `${round1(ms / DAY)} d`;
}

export const days = (ms: number) => Math.round((ms / DAY) * 100) / 100;
export const round1 = (n: number) => (Math.round(n * 10) / 10).toLocaleString("en-GB");

export function percent(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : `${Math.round(n)} %`;
}

/** Colours for the stages' bands, in board order: distinct, and dark enough on white for text. */
export const STAGE_COLOURS = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf", "#c2410c", "#334155", "#0f766e", "#9f1239"];
export const stageColour = (i: number) => STAGE_COLOURS[i % STAGE_COLOURS.length]!;
