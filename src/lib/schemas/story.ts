import { z } from "zod";
import { ZId, ZVersion } from "./common";

export const TEST_RESULTS = ["NOT_RUN", "PASSED", "FAILED"] as const;
const text = (max = 5000) => z.string().trim().max(max);

export const ZTestCaseInput = z.object({
  title: z.string().trim().min(1).max(300),
  expected: text(2000).default(""),
  result: z.enum(TEST_RESULTS).default("NOT_RUN"),
});

const userFields = {
  asRole: text(300).min(1).describe("As a … (the role)"),
  function: text().min(1).describe("I want … (the function)"),
  businessReason: text().min(1).describe("So that … (business value or reason)"),
  conditionsOfOperation: text().default(""),
};
const testFields = {
  serviceAcceptanceCriteria: text().default(""),
};
const operationsFields = {
  servicePriority: text(300).min(1),
  continuityConditions: text().default("").describe("Conditions of operation for business continuity"),
  sla: text().default(""),
  ola: text().default(""),
};

export const ZCreateStoryRequest = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("USER"), itemId: ZId, title: z.string().trim().min(1).max(200), ...userFields }),
    z.object({
      kind: z.literal("TEST"),
      itemId: ZId,
      title: z.string().trim().min(1).max(200),
      ...testFields,
      testCases: z.array(ZTestCaseInput).max(100).default([]),
    }),
    z.object({ kind: z.literal("OPERATIONS"), itemId: ZId, title: z.string().trim().min(1).max(200), ...operationsFields }),
  ])
  .meta({ id: "CreateStoryRequest" });
export type TCreateStoryRequest = z.input<typeof ZCreateStoryRequest>;

// Only the fields given change; fields of another kind of story are refused by the service.
export const ZUpdateStoryRequest = z
  .object({
    expectedVersion: ZVersion,
    title: z.string().trim().min(1).max(200).optional(),
    asRole: text(300).min(1).optional(),
    function: text().min(1).optional(),
    businessReason: text().min(1).optional(),
    conditionsOfOperation: text().optional(),
    serviceAcceptanceCriteria: text().optional(),
    servicePriority: text(300).min(1).optional(),
    continuityConditions: text().optional(),
    sla: text().optional(),
    ola: text().optional(),
  })
  .meta({ id: "UpdateStoryRequest" });
export type TUpdateStoryRequest = z.input<typeof ZUpdateStoryRequest>;

export const ZAddTestCaseRequest = ZTestCaseInput.extend({ expectedVersion: ZVersion.describe("The story's version") }).meta({
  id: "AddTestCaseRequest",
});
export type TAddTestCaseRequest = z.input<typeof ZAddTestCaseRequest>;

export const ZRecordTestResultRequest = z
  .object({ result: z.enum(TEST_RESULTS), expectedVersion: ZVersion.describe("The story's version") })
  .meta({ id: "RecordTestResultRequest" });
export type TRecordTestResultRequest = z.input<typeof ZRecordTestResultRequest>;

export const ZTestCase = z.object({
  id: z.string(),
  title: z.string(),
  expected: z.string(),
  result: z.enum(TEST_RESULTS),
  position: z.number().int(),
});

export const ZStory = z
  .object({
    id: z.string(),
    itemId: z.string(),
    kind: z.enum(["USER", "TEST", "OPERATIONS"]),
    title: z.string(),
    asRole: z.string().nullable(),
    function: z.string().nullable(),
    businessReason: z.string().nullable(),
    conditionsOfOperation: z.string().nullable(),
    serviceAcceptanceCriteria: z.string().nullable(),
    servicePriority: z.string().nullable(),
    continuityConditions: z.string().nullable(),
    sla: z.string().nullable(),
    ola: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    testCases: z.array(ZTestCase),
  })
  .meta({ id: "Story" });
export type TStory = z.infer<typeof ZStory>;

export const ZStoryList = z.object({ stories: z.array(ZStory) }).meta({ id: "StoryList" });
export const ZStoryListQuery = z.object({ itemId: ZId.describe("The work item whose stories to list") });
