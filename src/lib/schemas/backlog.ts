import { z } from "zod";
import { ZId } from "./common";
import { ZItemKind, ZWorkItem } from "./item";

export const ZReorderBacklogRequest = z
  .object({
    itemId: ZId,
    // The item lands right after `afterItemId` (null: at the top); `beforeItemId` is the item the
    // mover saw below the drop point. At least one of the two names a neighbour.
    afterItemId: ZId.nullable().default(null),
    beforeItemId: ZId.nullable().default(null),
  })
  .refine((r) => r.afterItemId !== null || r.beforeItemId !== null, {
    message: "Name the item above (afterItemId) or below (beforeItemId) the drop point.",
    path: ["afterItemId"],
  })
  .refine((r) => r.afterItemId !== r.itemId && r.beforeItemId !== r.itemId, {
    message: "An item cannot be its own neighbour.",
    path: ["itemId"],
  })
  .meta({ id: "ReorderBacklogRequest" });
export type TReorderBacklogRequest = z.input<typeof ZReorderBacklogRequest>;

export const ZReorderedItem = z
  .object({ itemId: z.string(), rank: z.string().describe("The item's new fractional index") })
  .meta({ id: "ReorderedItem" });

export const ZBacklogQuery = z.object({
  kind: ZItemKind.optional(),
  stageId: ZId.optional().describe("Only items in this stage"),
  label: z.string().max(40).optional(),
  teamId: ZId.optional(),
});
export type TBacklogQuery = z.infer<typeof ZBacklogQuery>;

export const ZBacklogItem = ZWorkItem.extend({
  teamId: z.string().nullable(),
  stories: z
    .object({
      user: z.number().int(),
      test: z.number().int(),
      operations: z.number().int(),
      failingTests: z.number().int().describe("Acceptance test cases whose last result is FAILED"),
    })
    .describe("What is attached to the item"),
}).meta({ id: "BacklogItem" });
export type TBacklogItem = z.infer<typeof ZBacklogItem>;

export const ZBacklog = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string(), teamId: z.string() }),
    stages: z.array(z.object({ id: z.string(), key: z.string(), name: z.string(), position: z.number().int(), retired: z.boolean() })),
    teams: z.array(z.object({ id: z.string(), name: z.string() })),
    doneStageId: z.string().nullable().describe("Items in this stage (the last one) are done and not on the backlog"),
    items: z.array(ZBacklogItem).describe("Not yet done, by rank"),
    seq: z.number().int().describe("Apply live events after it"),
  })
  .meta({ id: "Backlog" });
export type TBacklog = z.infer<typeof ZBacklog>;

export const ZExportQuery = z.object({
  format: z.enum(["csv", "json"]).default("json").describe("csv answers text/csv with the columns of the import"),
});

export const ZImportRequest = z
  .object({
    csv: z.string().max(2_000_000).describe("The CSV text; the first line names the columns"),
    dryRun: z.boolean().default(true).describe("true: check every row and write nothing"),
  })
  .meta({ id: "ImportBacklogRequest" });
export type TImportRequest = z.input<typeof ZImportRequest>;

export const ZImportRowError = z.object({
  line: z.number().int().describe("1-based line of the CSV where the row starts (line 1 is the header)"),
  problems: z.array(z.string()),
});
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const ZImportReport = z
  .object({
    dryRun: z.boolean(),
    valid: z.boolean().describe("Every row is valid"),
    rows: z.number().int().describe("Data rows read"),
    errors: z.array(ZImportRowError),
    created: z.array(ZWorkItem).describe("Empty on a dry run or when any row is invalid"),
  })
  .meta({ id: "ImportReport" });
export type TImportReport = z.infer<typeof ZImportReport>;
