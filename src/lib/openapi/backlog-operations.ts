// The backlog wall's operations (backlog, stories, requests for change, import/export),
// listed in OPERATIONS by ./operations.ts beside the others. Kept in their own file so the
// registry's shared file only gains one spread.
import { z } from "zod";
import {
  ZBacklog,
  ZBacklogQuery,
  ZExportQuery,
  ZImportReport,
  ZImportRequest,
  ZImportRowError,
  ZReorderBacklogRequest,
  ZReorderedItem,
} from "@/lib/schemas/backlog";
import { ZId } from "@/lib/schemas/common";
import { ZDecideRfcRequest, ZRaiseRfcRequest, ZRfc, ZRfcList, ZRfcListQuery, ZRfcParams } from "@/lib/schemas/rfc";
import {
  ZAddTestCaseRequest,
  ZCreateStoryRequest,
  ZRecordTestResultRequest,
  ZStory,
  ZStoryList,
  ZStoryListQuery,
  ZUpdateStoryRequest,
} from "@/lib/schemas/story";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const ZStoryParams = z.object({ storyId: ZId.describe("The story's id") });
const ZTestCaseParams = z.object({ testCaseId: ZId.describe("The acceptance test case's id") });

const ZStoryConflictError = z
  .object({
    error: z.object({
      code: z.literal("VERSION_CONFLICT"),
      message: z.string(),
      details: z.object({ storyId: z.string() }),
    }),
  })
  .meta({ id: "StoryVersionConflictError" });

const ZImportRejectedError = z
  .object({
    error: z.object({
      code: z.literal("RULE_VIOLATION"),
      message: z.string(),
      details: z.object({ errors: z.array(ZImportRowError).describe("Every bad row, by line") }),
    }),
  })
  .meta({ id: "ImportRejectedError" });

export const getBacklog = defineOperation({
  operationId: "getBacklog",
  method: "GET",
  path: "/api/v1/services/{serviceId}/backlog",
  summary: "The ranked backlog: every item not yet done, by rank, with business value, cost and stories",
  tags: ["backlog"],
  auth: true,
  params: ZServiceParams,
  query: ZBacklogQuery,
  responses: { 200: { description: "The backlog with the sequence number it reflects", schema: ZBacklog } },
  errors: {
    403: { description: "An API token without the service.view scope" },
    404: { description: "No such service, or not yours" },
  },
});

export const reorderBacklog = defineOperation({
  operationId: "reorderBacklogItem",
  method: "POST",
  path: "/api/v1/services/{serviceId}/backlog/reorder",
  summary: "Move one item within the backlog, between two neighbours (Service Master)",
  description:
    "The item lands directly after `afterItemId` (or directly before `beforeItemId` when only that is named). " +
    "Only the moved item's rank changes; concurrent reorders never leave two items on one rank.",
  tags: ["backlog"],
  auth: true,
  params: ZServiceParams,
  body: ZReorderBacklogRequest,
  responses: { 200: { description: "Moved: the item's new rank", schema: ZReorderedItem } },
  errors: {
    403: { description: "Only a Service Master reorders the backlog, or a cross-site request" },
    404: { description: "No such service, item or neighbour, or not yours" },
    409: { description: "The backlog changed under you: the two neighbours are no longer in that order" },
  },
});

export const exportBacklog = defineOperation({
  operationId: "exportBacklog",
  method: "GET",
  path: "/api/v1/services/{serviceId}/export",
  summary: "Export the backlog as JSON, or as CSV with `format=csv` (text/csv, the columns the import reads)",
  tags: ["backlog"],
  auth: true,
  params: ZServiceParams,
  query: ZExportQuery,
  responses: { 200: { description: "The backlog (format=json); format=csv answers text/csv instead", schema: ZBacklog } },
  errors: {
    403: { description: "An API token without the service.view scope" },
    404: { description: "No such service, or not yours" },
  },
});

export const importBacklog = defineOperation({
  operationId: "importBacklog",
  method: "POST",
  path: "/api/v1/services/{serviceId}/import",
  summary: "Import work items from CSV: a dry run names every bad row by line; nothing is written unless every row is valid",
  description:
    "Columns: title (required), kind, stage (key or name), labels (separated by ;), businessValue, costEstimate, team, " +
    "description; position, id and rank (from an export) are ignored. Items join the bottom of the backlog in file order. " +
    "Send an `Idempotency-Key` header (e.g. a UUID per attempt) to import once: a repeat of the key answers the first " +
    "import's report and writes nothing.",
  tags: ["backlog"],
  auth: true,
  params: ZServiceParams,
  body: ZImportRequest,
  responses: {
    200: { description: "Dry run: the report (valid or not), nothing written", schema: ZImportReport },
    201: { description: "Imported: every row created", schema: ZImportReport },
  },
  errors: {
    403: { description: "Your role may not create items here, or a cross-site request" },
    404: { description: "No such service, or not yours" },
    409: { description: "The Idempotency-Key was used already for another file, or by someone else" },
    422: { description: "Some rows are invalid: `details.errors` names each by line; nothing was written", schema: ZImportRejectedError },
  },
});

export const listRfcs = defineOperation({
  operationId: "listRfcs",
  method: "GET",
  path: "/api/v1/services/{serviceId}/rfcs",
  summary: "The requests for change and maintenance activities of a service, newest first, with their approvals",
  tags: ["rfcs"],
  auth: true,
  params: ZServiceParams,
  query: ZRfcListQuery,
  responses: { 200: { description: "The requests and the sequence number they reflect", schema: ZRfcList } },
  errors: {
    403: { description: "An API token without the service.view scope" },
    404: { description: "No such service, or not yours" },
  },
});

export const raiseRfc = defineOperation({
  operationId: "raiseRfc",
  method: "POST",
  path: "/api/v1/services/{serviceId}/rfcs",
  summary: "Raise a request for change or a maintenance activity (people, or tools with an API token scoped rfc.raise)",
  tags: ["rfcs"],
  auth: true,
  params: ZServiceParams,
  body: ZRaiseRfcRequest,
  responses: { 201: { description: "Raised: waiting for its two keys", schema: ZRfc } },
  errors: {
    403: { description: "Your role or token may not raise requests here, or a cross-site request" },
    404: { description: "No such service, or not yours" },
  },
});

export const decideRfc = defineOperation({
  operationId: "decideRfc",
  method: "POST",
  path: "/api/v1/rfcs/{rfcId}/decision",
  summary: "Turn one of the two keys: approve or reject (with a reason) as Service Master or reliability engineer",
  description:
    "Two different people must approve, one per key. The second approval creates the request's one backlog item; " +
    "a rejection ends the request.",
  tags: ["rfcs"],
  auth: true,
  params: ZRfcParams,
  body: ZDecideRfcRequest,
  responses: { 200: { description: "The request after the decision", schema: ZRfc } },
  errors: {
    403: { description: "You hold neither key (or not the key named), or a cross-site request" },
    404: { description: "No such request, or not yours" },
    409: { description: "The request changed since the version you named" },
    422: { description: "Already decided or rejected, that key was turned already, or you turned the other key" },
  },
});

export const listStories = defineOperation({
  operationId: "listStories",
  method: "GET",
  path: "/api/v1/stories",
  summary: "The user, test and operations stories of a work item",
  tags: ["stories"],
  auth: true,
  query: ZStoryListQuery,
  responses: { 200: { description: "Oldest first", schema: ZStoryList } },
  errors: {
    403: { description: "An API token without the service.view scope" },
    404: { description: "No such item, or not yours" },
  },
});

export const createStory = defineOperation({
  operationId: "createStory",
  method: "POST",
  path: "/api/v1/stories",
  summary: "Attach a user, test (with acceptance test cases) or operations story to a work item",
  tags: ["stories"],
  auth: true,
  body: ZCreateStoryRequest,
  responses: { 201: { description: "Created", schema: ZStory } },
  errors: {
    403: { description: "Your role may not change items here, or a cross-site request" },
    404: { description: "No such item, or not yours" },
  },
});

export const updateStory = defineOperation({
  operationId: "updateStory",
  method: "PATCH",
  path: "/api/v1/stories/{storyId}",
  summary: "Change a story's fields, naming the version you saw",
  tags: ["stories"],
  auth: true,
  params: ZStoryParams,
  body: ZUpdateStoryRequest,
  responses: { 200: { description: "The story with its new version", schema: ZStory } },
  errors: {
    403: { description: "Your role may not change items here, or a cross-site request" },
    404: { description: "No such story, or not yours" },
    409: { description: "Stale version: reload the story", schema: ZStoryConflictError },
  },
});

export const addTestCase = defineOperation({
  operationId: "addTestCase",
  method: "POST",
  path: "/api/v1/stories/{storyId}/test-cases",
  summary: "Add an acceptance test case to a test story",
  tags: ["stories"],
  auth: true,
  params: ZStoryParams,
  body: ZAddTestCaseRequest,
  responses: { 201: { description: "The story with the new case", schema: ZStory } },
  errors: {
    403: { description: "Your role may not change items here, or a cross-site request" },
    404: { description: "No such story, or not yours" },
    409: { description: "Stale story version", schema: ZStoryConflictError },
    422: { description: "Not a test story" },
  },
});

export const recordTestResult = defineOperation({
  operationId: "recordTestResult",
  method: "PATCH",
  path: "/api/v1/test-cases/{testCaseId}",
  summary: "Record an acceptance test case's result: PASSED, FAILED or NOT_RUN (a failure shows on the value-stream wall)",
  tags: ["stories"],
  auth: true,
  params: ZTestCaseParams,
  body: ZRecordTestResultRequest,
  responses: { 200: { description: "The story with the result recorded", schema: ZStory } },
  errors: {
    403: { description: "Your role may not change items here, or a cross-site request" },
    404: { description: "No such test case, or not yours" },
    409: { description: "Stale story version", schema: ZStoryConflictError },
  },
});

export const BACKLOG_OPERATIONS: readonly Operation[] = [
  getBacklog,
  reorderBacklog,
  exportBacklog,
  importBacklog,
  listRfcs,
  raiseRfc,
  decideRfc,
  listStories,
  createStory,
  updateStory,
  addTestCase,
  recordTestResult,
];
