import "server-only";
import type { TStory } from "@/lib/schemas/story";

export const STORY_SELECT = {
  id: true,
  itemId: true,
  kind: true,
  title: true,
  asRole: true,
  function: true,
  businessReason: true,
  conditionsOfOperation: true,
  serviceAcceptanceCriteria: true,
  servicePriority: true,
  continuityConditions: true,
  sla: true,
  ola: true,
  version: true,
  createdAt: true,
  testCases: {
    orderBy: { position: "asc" },
    select: { id: true, title: true, expected: true, result: true, position: true },
  },
} as const;

type StoryRow = Omit<TStory, "createdAt" | "kind" | "testCases"> & {
  kind: string;
  createdAt: Date;
  testCases: Array<{ id: string; title: string; expected: string; result: string; position: number }>;
};

export function toStoryDto(row: StoryRow): TStory {
  return {
    id: row.id,
    itemId: row.itemId,
    kind: row.kind as TStory["kind"],
    title: row.title,
    asRole: row.asRole,
    function: row.function,
    businessReason: row.businessReason,
    conditionsOfOperation: row.conditionsOfOperation,
    serviceAcceptanceCriteria: row.serviceAcceptanceCriteria,
    servicePriority: row.servicePriority,
    continuityConditions: row.continuityConditions,
    sla: row.sla,
    ola: row.ola,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    testCases: row.testCases.map((c) => ({ ...c, result: c.result as TStory["testCases"][number]["result"] })),
  };
}
