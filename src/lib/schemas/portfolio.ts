import { z } from "zod";
import { ZStageProblem } from "./wall";

export const ZPortfolioRow = z
  .object({
    service: z.object({
      id: z.string(),
      key: z.string(),
      name: z.string(),
      status: z.enum(["ACTIVE", "RETIRING", "RETIRED"]),
      teamName: z.string(),
    }),
    cells: z
      .array(z.object({ stageId: z.string(), name: z.string(), problems: z.array(ZStageProblem.pick({ kind: true, message: true })).describe("Empty: the stage is green") }))
      .describe("The open stages in wall order: the value-stream wall's own stage problems"),
    itemCount: z.number().int(),
    andons: z.number().int().describe("Open andons: the line is stopped"),
    problems: z.number().int().describe("Every other stage problem (as the home page counts them)"),
    redStages: z.number().int(),
    noGo: z.string().nullable().describe("A standing NO-GO: what failed (null: none)"),
    openKaizenProblems: z.number().int(),
    overdueCountermeasures: z.number().int(),
    sla: z.enum(["NONE", "MET", "AT_RISK", "BREACHED"]),
    costVariancePercent: z.number().nullable().describe("Operating cost year to date against plan, in percent (null: nothing booked)"),
    delivery: z
      .object({
        leadTimeP50: z.number().nullable().describe("Median end-to-end lead time (committed → done, as the metrics wall) of the items done in the window, ms; null: none done"),
        finished: z.number().int().describe("Items done in the window"),
        tier: z.enum(["elite", "high", "medium", "low"]).nullable().describe("DORA deployment frequency tier from the production deployments reported in the window; null: none"),
        deployments: z.number().int().describe("Successful production deployments in the window"),
        days: z.number().int().describe("The window: the last N days"),
      })
      .nullable(),
  })
  .meta({ id: "PortfolioRow" });

export const ZPortfolio = z
  .object({
    generatedAt: z.string(),
    rows: z.array(ZPortfolioRow).describe("Worst first: andons, a standing NO-GO, a breached SLA, red stages, problems"),
    seqs: z.record(z.string(), z.number().int()).describe("Each service's last event seq included"),
  })
  .meta({ id: "Portfolio" });
export type TPortfolio = z.infer<typeof ZPortfolio>;

const ZDailyLine = z.object({ seq: z.number().int(), at: z.string(), type: z.string(), text: z.string(), actorName: z.string().nullable(), itemId: z.string().nullable() });

export const ZDailyView = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    since: z.string().describe("Start of the previous working day (UTC; Monday looks back to Friday)"),
    generatedAt: z.string(),
    seq: z.number().int(),
    groups: z.array(z.object({ stageId: z.string().nullable(), stageName: z.string(), lines: z.array(ZDailyLine) })).describe("Stages in wall order, the whole service last"),
    truncated: z.boolean().describe("More events happened than the view lists (the oldest are left out)"),
    newProblems: z.array(z.object({ problemId: z.string(), title: z.string(), stageName: z.string().nullable(), at: z.string() })),
    sentBack: z.array(z.object({ itemId: z.string(), title: z.string(), fromStageName: z.string(), toStageName: z.string(), reason: z.string(), at: z.string() })),
    blockedNow: z.array(z.object({ itemId: z.string(), title: z.string(), stageName: z.string(), reason: z.string() })),
    countermeasuresDueToday: z.array(z.object({ id: z.string(), description: z.string(), problemId: z.string(), problemTitle: z.string(), ownerName: z.string().nullable() })),
  })
  .meta({ id: "DailyView" });
export type TDailyView = z.infer<typeof ZDailyView>;
