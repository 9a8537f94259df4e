// The weekly synchronisation (issue 13.2): the agenda of a service and of the whole portfolio
// for an ISO week, and the decisions and actions recorded against its lines. Listed in
// OPERATIONS by ./operations.ts.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import { ZErrorBody } from "@/lib/schemas/http";
import {
  ZPortfolioWeekly,
  ZRecordWeeklyActionRequest,
  ZRecordWeeklyDecisionRequest,
  ZUpdateWeeklyActionRequest,
  ZWeeklyAgenda,
  ZWeeklyQuery,
  ZWeeklyRecorded,
} from "@/lib/schemas/weekly";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const NO_SERVICE = { description: "No such service, or not yours" } as const;
const BAD_WEEK = { description: "`week` is not an ISO week that exists (details.issues names it)" } as const;
const RECORDERS = { description: "Only the Process Master and the Service Master (weekly.record) record the meeting, or a cross-site request" } as const;

export const getServiceWeekly = defineOperation({
  operationId: "getServiceWeekly",
  method: "GET",
  path: "/api/v1/services/{serviceId}/weekly",
  summary: "The weekly synchronisation agenda of a service for an ISO week",
  description:
    "Generated from the walls for the week (Monday 00:00 UTC to the next Monday): problems opened and closed, andons pulled and released, go/no-go decisions " +
    "(from the week's events); RfCs waiting, releases and countermeasures due by the week's end, Kaizen KPI values to enter; lead time and throughput against " +
    "the week before (as the metrics wall computes them); the actions of the week and every earlier one still open; the decisions recorded against its lines.",
  tags: ["weekly"],
  auth: true,
  params: ZServiceParams,
  query: ZWeeklyQuery,
  responses: { 200: { description: "The agenda", schema: ZWeeklyAgenda } },
  errors: { 400: BAD_WEEK, 403: { description: "An API token without service.view" }, 404: NO_SERVICE },
});

export const getPortfolioWeekly = defineOperation({
  operationId: "getPortfolioWeekly",
  method: "GET",
  path: "/api/v1/portfolio/weekly",
  summary: "The weekly synchronisation agenda of every service you may see",
  description: "One agenda per service you may see, by name. Services of other teams are neither listed nor counted.",
  tags: ["weekly"],
  auth: true,
  query: ZWeeklyQuery,
  responses: { 200: { description: "The agendas", schema: ZPortfolioWeekly } },
  errors: { 400: BAD_WEEK },
});

export const recordWeeklyDecision = defineOperation({
  operationId: "recordWeeklyDecision",
  method: "POST",
  path: "/api/v1/services/{serviceId}/weekly/decisions",
  summary: "Record a decision of the weekly meeting against a line of its agenda",
  tags: ["weekly"],
  auth: true,
  params: ZServiceParams,
  body: ZRecordWeeklyDecisionRequest,
  responses: { 201: { description: "Recorded", schema: ZWeeklyRecorded } },
  errors: { 403: RECORDERS, 404: NO_SERVICE },
});

export const recordWeeklyAction = defineOperation({
  operationId: "recordWeeklyAction",
  method: "POST",
  path: "/api/v1/services/{serviceId}/weekly/actions",
  summary: "Record an action of the weekly meeting: an owner from the team and a due date; it shows on every later agenda until done",
  tags: ["weekly"],
  auth: true,
  params: ZServiceParams,
  body: ZRecordWeeklyActionRequest,
  responses: { 201: { description: "Recorded", schema: ZWeeklyRecorded } },
  errors: { 403: RECORDERS, 404: NO_SERVICE },
});

export const updateWeeklyAction = defineOperation({
  operationId: "updateWeeklyAction",
  method: "PATCH",
  path: "/api/v1/weekly-actions/{actionId}",
  summary: "Mark a weekly action done or open again (its owner, the Process Master or the Service Master)",
  tags: ["weekly"],
  auth: true,
  params: z.object({ actionId: ZId.describe("The action's id") }),
  body: ZUpdateWeeklyActionRequest,
  responses: { 200: { description: "Saved", schema: ZWeeklyRecorded } },
  errors: {
    403: { description: "Neither its owner nor one who records the meeting, or a cross-site request" },
    404: { description: "No such action, or not yours" },
    409: { description: "Stale version: someone changed it first; `details.version` is the version now", schema: ZErrorBody },
  },
});

export const WEEKLY_OPERATIONS: readonly Operation[] = [getServiceWeekly, getPortfolioWeekly, recordWeeklyDecision, recordWeeklyAction, updateWeeklyAction];
