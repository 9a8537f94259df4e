// The Kaizen wall's operations (issue 10): problems, five whys, countermeasures, weekly KPI,
// PDCA, Kaizen in advance, problems from data. Listed in OPERATIONS by ./operations.ts (one spread).
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import { ZErrorBody, ZRuleViolationError } from "@/lib/schemas/http";
import {
  ZAddCountermeasureRequest,
  ZAnswerProposalRequest,
  ZCreatedRef,
  ZDetectedProblems,
  ZKaizenWall,
  ZKpiRecorded,
  ZMovePdcaRequest,
  ZOpenProblemRequest,
  ZPdcaMoved,
  ZProblemRef,
  ZProblemSheet,
  ZProposalAnswered,
  ZProposeKaizenRequest,
  ZRecordKpiValueRequest,
  ZUpdateCountermeasureRequest,
  ZUpdateProblemRequest,
} from "@/lib/schemas/kaizen";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const ZProblemParams = z.object({ problemId: ZId.describe("The problem's id") });

const NOT_YOURS = { description: "No such problem, or not yours" } as const;
const FORBIDDEN = { description: "Your role may not do this here (see the permission matrix), or a cross-site request" } as const;
const STALE = { description: "Stale version: someone changed it first; `details.version` is the version now", schema: ZErrorBody } as const;

export const getKaizenWall = defineOperation({
  operationId: "getKaizenWall",
  method: "GET",
  path: "/api/v1/services/{serviceId}/problems",
  summary: "The Kaizen wall: every problem with its card figures, and the Kaizen-in-advance proposals",
  tags: ["kaizen"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "The wall and the sequence number it reflects", schema: ZKaizenWall } },
  errors: { 403: { description: "An API token without service.view" }, 404: { description: "No such service, or not yours" } },
});

export const openProblem = defineOperation({
  operationId: "openProblem",
  method: "POST",
  path: "/api/v1/services/{serviceId}/problems",
  summary: "Open a problem by hand (PDCA starts at Plan)",
  tags: ["kaizen"],
  auth: true,
  params: ZServiceParams,
  body: ZOpenProblemRequest,
  responses: { 201: { description: "Opened", schema: ZCreatedRef } },
  errors: { 403: FORBIDDEN, 404: { description: "No such service, or not yours" } },
});

export const detectDataProblems = defineOperation({
  operationId: "detectDataProblems",
  method: "POST",
  path: "/api/v1/services/{serviceId}/problems/detect",
  summary: "Run the problems-from-data check now (it also runs on an interval): opens one problem per condition that persisted past its threshold",
  tags: ["kaizen"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "The problems this run opened (none when each is open already)", schema: ZDetectedProblems } },
  errors: { 403: FORBIDDEN, 404: { description: "No such service, or not yours" } },
});

export const getProblemSheet = defineOperation({
  operationId: "getProblemSheet",
  method: "GET",
  path: "/api/v1/problems/{problemId}",
  summary: "The problem sheet (A3): data, five whys, hypothesis, countermeasures, weekly KPI, PDCA and its history",
  tags: ["kaizen"],
  auth: true,
  params: ZProblemParams,
  responses: { 200: { description: "The sheet", schema: ZProblemSheet } },
  errors: { 403: { description: "An API token without service.view" }, 404: NOT_YOURS },
});

export const updateProblem = defineOperation({
  operationId: "updateProblem",
  method: "PATCH",
  path: "/api/v1/problems/{problemId}",
  summary: "Edit the plan: definition, five whys (the whole chain), hypothesis, owner, weekly KPI",
  tags: ["kaizen"],
  auth: true,
  params: ZProblemParams,
  body: ZUpdateProblemRequest,
  responses: { 200: { description: "Saved", schema: ZProblemRef } },
  errors: { 403: FORBIDDEN, 404: NOT_YOURS, 409: STALE, 422: { description: "`details.rule` PROBLEM_CLOSED", schema: ZRuleViolationError } },
});

export const movePdca = defineOperation({
  operationId: "movePdca",
  method: "POST",
  path: "/api/v1/problems/{problemId}/pdca",
  summary: "Move a problem through PDCA; closing records the new standard and may add a done-criterion to the stage",
  description:
    "Plan → Do needs a root cause, a hypothesis, an owned countermeasure and a KPI with a target; Do → Check needs every countermeasure done or due; Check → Act needs the KPI on target N consecutive weeks (N per service), otherwise Check → Plan starts the next cycle; Act → Closed needs `standard`.",
  tags: ["kaizen"],
  auth: true,
  params: ZProblemParams,
  body: ZMovePdcaRequest,
  responses: { 200: { description: "Moved", schema: ZPdcaMoved } },
  errors: {
    403: FORBIDDEN,
    404: NOT_YOURS,
    409: STALE,
    422: {
      description:
        "`details.rule`: NO_SUCH_MOVE, NO_ROOT_CAUSE, NO_HYPOTHESIS, NO_COUNTERMEASURE, COUNTERMEASURE_WITHOUT_OWNER, NO_KPI, COUNTERMEASURES_PENDING, KPI_NOT_CONFIRMED, KPI_CONFIRMED, NO_STANDARD",
      schema: ZRuleViolationError,
    },
  },
});

export const addCountermeasure = defineOperation({
  operationId: "addCountermeasure",
  method: "POST",
  path: "/api/v1/problems/{problemId}/countermeasures",
  summary: "Add a countermeasure taken in daily work, with an owner from the team and a due date",
  tags: ["kaizen"],
  auth: true,
  params: ZProblemParams,
  body: ZAddCountermeasureRequest,
  responses: { 201: { description: "Added", schema: ZCreatedRef } },
  errors: { 403: FORBIDDEN, 404: NOT_YOURS, 422: { description: "`details.rule` PROBLEM_CLOSED", schema: ZRuleViolationError } },
});

export const updateCountermeasure = defineOperation({
  operationId: "updateCountermeasure",
  method: "PATCH",
  path: "/api/v1/countermeasures/{countermeasureId}",
  summary: "Mark a countermeasure done or open (its owner or the Process Master), or edit it",
  tags: ["kaizen"],
  auth: true,
  params: z.object({ countermeasureId: ZId.describe("The countermeasure's id") }),
  body: ZUpdateCountermeasureRequest,
  responses: { 200: { description: "Saved", schema: ZProblemRef } },
  errors: { 403: FORBIDDEN, 404: { description: "No such countermeasure, or not yours" }, 409: STALE, 422: { description: "`details.rule` PROBLEM_CLOSED", schema: ZRuleViolationError } },
});

export const recordKpiValue = defineOperation({
  operationId: "recordKpiValue",
  method: "PUT",
  path: "/api/v1/problems/{problemId}/kpi-values",
  summary: "Record the KPI value of an ISO week (Monday, UTC); a second value for the week replaces the first",
  description: "For the problem's owner and the Process Master, and for monitoring tools: an API token with the `kaizen.kpi` scope on the service.",
  tags: ["kaizen"],
  auth: true,
  params: ZProblemParams,
  body: ZRecordKpiValueRequest,
  responses: { 200: { description: "Recorded for the week", schema: ZKpiRecorded } },
  errors: { 403: FORBIDDEN, 404: NOT_YOURS, 422: { description: "`details.rule` NO_KPI or PROBLEM_CLOSED", schema: ZRuleViolationError } },
});

export const proposeKaizen = defineOperation({
  operationId: "proposeKaizen",
  method: "POST",
  path: "/api/v1/services/{serviceId}/kaizen-proposals",
  summary: "Kaizen in advance: a downstream stage proposes a change to an upstream stage",
  tags: ["kaizen"],
  auth: true,
  params: ZServiceParams,
  body: ZProposeKaizenRequest,
  responses: { 201: { description: "Proposed", schema: ZCreatedRef } },
  errors: { 403: FORBIDDEN, 404: { description: "No such service, or not yours" }, 422: { description: "`details.rule` NOT_UPSTREAM", schema: ZRuleViolationError } },
});

export const answerProposal = defineOperation({
  operationId: "answerProposal",
  method: "POST",
  path: "/api/v1/kaizen-proposals/{proposalId}/answer",
  summary: "Accept or decline a proposal with a reason; accepting may add a countermeasure or a done-criterion in the same command",
  tags: ["kaizen"],
  auth: true,
  params: z.object({ proposalId: ZId.describe("The proposal's id") }),
  body: ZAnswerProposalRequest,
  responses: { 200: { description: "Answered", schema: ZProposalAnswered } },
  errors: {
    403: FORBIDDEN,
    404: { description: "No such proposal, or not yours" },
    409: { description: "Answered already, or a stale version", schema: ZErrorBody },
    422: { description: "`details.rule` PROBLEM_CLOSED", schema: ZRuleViolationError },
  },
});

export const KAIZEN_OPERATIONS: readonly Operation[] = [
  getKaizenWall,
  openProblem,
  detectDataProblems,
  getProblemSheet,
  updateProblem,
  movePdca,
  addCountermeasure,
  updateCountermeasure,
  recordKpiValue,
  proposeKaizen,
  answerProposal,
];
