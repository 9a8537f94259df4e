// The weekly synchronisation at the boundary (issue 13.2): the agenda of a service or of the
// whole portfolio for an ISO week, and the decisions and actions recorded against its lines.
import { z } from "zod";
import { ZId, ZVersion } from "./common";
import { ZStageProblem } from "./wall";

const text = (max: number, what: string) =>
  z
    .string({ error: `${what} must be text` })
    .trim()
    .min(1, `${what} cannot be empty`)
    .max(max, `${what} is too long (at most ${max} characters)`);

export const ZIsoWeek = z
  .string()
  .trim()
  .regex(/^\d{4}-W\d{2}$/, "Give an ISO week such as 2026-W49")
  .describe("An ISO week, YYYY-Www (weeks start on Monday 00:00 UTC)");

const ZDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), "Not a date")
  .describe("A date, YYYY-MM-DD (UTC)");

export const ZWeeklyQuery = z.object({ week: ZIsoWeek.optional().describe("The ISO week (default: the current one, UTC)") });
export type TWeeklyQuery = z.input<typeof ZWeeklyQuery>;

const ZLineRef = {
  week: ZIsoWeek.describe("The meeting's ISO week (the current week or an earlier one)"),
  lineKey: z
    .string({ error: "The agenda line must be text" })
    .trim()
    .regex(/^[a-zA-Z]+:[A-Za-z0-9_.:-]{1,120}$/, "Name an agenda line, such as problem:<id> or flow:leadTime")
    .describe("The agenda line's key, as the agenda gives it"),
  lineText: text(500, "The agenda line").describe("The line as it read when recorded"),
};

export const ZRecordWeeklyDecisionRequest = z
  .object({ ...ZLineRef, text: text(2000, "The decision") })
  .meta({ id: "RecordWeeklyDecisionRequest" });
export type TRecordWeeklyDecisionRequest = z.input<typeof ZRecordWeeklyDecisionRequest>;

export const ZRecordWeeklyActionRequest = z
  .object({
    ...ZLineRef,
    text: text(1000, "The action"),
    ownerId: ZId.describe("A member of the service's team"),
    dueDate: ZDay,
  })
  .meta({ id: "RecordWeeklyActionRequest" });
export type TRecordWeeklyActionRequest = z.input<typeof ZRecordWeeklyActionRequest>;

export const ZUpdateWeeklyActionRequest = z
  .object({ version: ZVersion, done: z.boolean({ error: "done must be true or false" }) })
  .meta({ id: "UpdateWeeklyActionRequest" });
export type TUpdateWeeklyActionRequest = z.input<typeof ZUpdateWeeklyActionRequest>;

export const ZWeeklyRecorded = z.object({ id: z.string(), version: z.number().int() }).meta({ id: "WeeklyRecorded" });

const ZAgendaLine = z.object({
  key: z.string().describe("Record decisions and actions against this key"),
  text: z.string(),
  at: z.string().nullable().describe("When it happened, or when it is due"),
  flag: z.string().nullable().describe("overdue, waiting N days, not entered, done, from 2026-W48 …"),
  problemId: z.string().nullable().describe("The Kaizen problem it concerns (its sheet)"),
  kpi: z
    .object({ problemId: z.string(), name: z.string(), target: z.number(), unit: z.string().nullable(), ownerId: z.string().nullable(), value: z.number().nullable() })
    .optional()
    .describe("A weekly KPI value due: enter it with recordKpiValue (PUT /api/v1/problems/{problemId}/kpi-values)"),
  action: z
    .object({
      id: z.string(),
      ownerId: z.string(),
      ownerName: z.string(),
      dueDate: z.string(),
      done: z.boolean(),
      version: z.number().int(),
      weekLabel: z.string(),
      overdue: z.boolean(),
    })
    .optional(),
});

export const ZWeeklyAgenda = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string(), teamName: z.string() }),
    seq: z.number().int().describe("The service's last event included: a live page refetches after newer ones"),
    week: ZIsoWeek,
    from: z.string(),
    to: z.string(),
    previous: ZIsoWeek,
    next: ZIsoWeek,
    current: z.boolean().describe("The week is the current one (UTC)"),
    sections: z.array(
      z.object({
        key: z.enum(["problemsOpened", "problemsClosed", "andonsPulled", "andonsReleased", "goNoGo", "rfcsWaiting", "releasesDue", "countermeasuresDue", "kpisDue", "flow", "actions"]),
        title: z.string(),
        empty: z.string(),
        lines: z.array(ZAgendaLine),
      }),
    ),
    notes: z
      .record(z.string(), z.object({ decisions: z.array(z.object({ id: z.string(), text: z.string(), byName: z.string().nullable(), at: z.string() })), actionIds: z.array(z.string()) }))
      .describe("Decisions and actions recorded in the week, by agenda line key"),
    problems: z.array(ZStageProblem).describe("Visual control: open actions past their due day"),
    members: z.array(z.object({ id: z.string(), name: z.string() })).describe("Who may own an action: the people working in the service's team"),
  })
  .meta({ id: "WeeklyAgenda" });
export type TWeeklyAgenda = z.infer<typeof ZWeeklyAgenda>;

export const ZPortfolioWeekly = z
  .object({
    week: ZIsoWeek,
    from: z.string(),
    to: z.string(),
    previous: ZIsoWeek,
    next: ZIsoWeek,
    current: z.boolean(),
    generatedAt: z.string(),
    agendas: z.array(ZWeeklyAgenda).describe("One per service you may see, by name; other teams' services are neither listed nor counted"),
  })
  .meta({ id: "PortfolioWeekly" });
export type TPortfolioWeekly = z.infer<typeof ZPortfolioWeekly>;
