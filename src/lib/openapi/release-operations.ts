// The release wall's operations (releases, gate criteria, go/no-go decisions, the pipeline API),
// listed in OPERATIONS by ./operations.ts beside the others. Kept in their own file so the
// registry's shared file only gains one spread. No PUT/PATCH/DELETE touches a decision.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import {
  ZChangeReleaseItemsRequest,
  ZCreateGateCriterionRequest,
  ZCreateReleaseRequest,
  ZDeployment,
  ZGateCriterion,
  ZGateDecision,
  ZMayDeploy,
  ZRecordGateDecisionRequest,
  ZRelease,
  ZReleaseConflictError,
  ZGoOverUnfinishedError,
  ZReleaseWall,
  ZReportDeploymentRequest,
  ZUpdateReleaseRequest,
} from "@/lib/schemas/release";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });

const ZReleaseParams = z.object({ releaseId: ZId.describe("The release's id") });

export const listReleases = defineOperation({
  operationId: "listReleases",
  method: "GET",
  path: "/api/v1/services/{serviceId}/releases",
  summary: "The release wall of a service: releases with items, decision history and deployments, gate criteria",
  tags: ["releases"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "A consistent snapshot with its sequence number", schema: ZReleaseWall } },
  errors: {
    403: { description: "An API token without service.view" },
    404: { description: "No such service, or not yours" },
  },
});

export const createRelease = defineOperation({
  operationId: "createRelease",
  method: "POST",
  path: "/api/v1/services/{serviceId}/releases",
  summary: "Create a release (version name, target date, pipeline status, items); the service gets its default gate criteria",
  tags: ["releases"],
  auth: true,
  params: ZServiceParams,
  body: ZCreateReleaseRequest,
  responses: { 201: { description: "Created", schema: ZRelease } },
  errors: {
    403: { description: "Your role may not manage releases here, or a cross-site request" },
    404: { description: "No such service, or not yours" },
    409: { description: "A release with this name exists already in the service" },
    422: { description: "An item is not of this service, or is in another release" },
  },
});

export const listGateCriteria = defineOperation({
  operationId: "listGateCriteria",
  method: "GET",
  path: "/api/v1/services/{serviceId}/gate-criteria",
  summary: "The service's active gate criteria, in order",
  tags: ["releases"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "The criteria every decision assesses", schema: z.array(ZGateCriterion) } },
  errors: {
    403: { description: "An API token without service.view" },
    404: { description: "No such service, or not yours" },
  },
});

export const addGateCriterion = defineOperation({
  operationId: "addGateCriterion",
  method: "POST",
  path: "/api/v1/services/{serviceId}/gate-criteria",
  summary: "Add a team's own gate criterion (after the four defaults)",
  tags: ["releases"],
  auth: true,
  params: ZServiceParams,
  body: ZCreateGateCriterionRequest,
  responses: { 201: { description: "Added", schema: ZGateCriterion } },
  errors: {
    403: { description: "Your role may not configure this service, or a cross-site request" },
    404: { description: "No such service, or not yours" },
    409: { description: "The service has a criterion with this key already" },
  },
});

export const getRelease = defineOperation({
  operationId: "getRelease",
  method: "GET",
  path: "/api/v1/releases/{releaseId}",
  summary: "One release with its items, decision history (newest first) and deployments",
  tags: ["releases"],
  auth: true,
  params: ZReleaseParams,
  responses: { 200: { description: "The release", schema: ZRelease } },
  errors: {
    403: { description: "An API token without service.view" },
    404: { description: "No such release, or not yours" },
  },
});

export const updateRelease = defineOperation({
  operationId: "updateRelease",
  method: "PATCH",
  path: "/api/v1/releases/{releaseId}",
  summary: "Rename a release, move its target date or set its pipeline status, naming the version you saw",
  description: "Touches the release only: its go/no-go decisions are append-only and no route edits them.",
  tags: ["releases"],
  auth: true,
  params: ZReleaseParams,
  body: ZUpdateReleaseRequest,
  responses: { 200: { description: "Updated, with its new version", schema: ZRelease } },
  errors: {
    403: { description: "Your role may not manage releases here, or a cross-site request" },
    404: { description: "No such release, or not yours" },
    409: { description: "Stale version (`details.current` is the release now), or the new name is taken", schema: ZReleaseConflictError },
  },
});

export const changeReleaseItems = defineOperation({
  operationId: "changeReleaseItems",
  method: "POST",
  path: "/api/v1/releases/{releaseId}/items",
  summary: "Add items to a release and remove others, naming the version you saw",
  tags: ["releases"],
  auth: true,
  params: ZReleaseParams,
  body: ZChangeReleaseItemsRequest,
  responses: { 200: { description: "The release with its items now", schema: ZRelease } },
  errors: {
    403: { description: "Your role may not manage releases here, or a cross-site request" },
    404: { description: "No such release, or not yours" },
    409: { description: "Stale version: `details.current` is the release now", schema: ZReleaseConflictError },
    422: { description: "An item is not of this service, is in another release, or is not in this one" },
  },
});

export const listGateDecisions = defineOperation({
  operationId: "listGateDecisions",
  method: "GET",
  path: "/api/v1/releases/{releaseId}/decisions",
  summary: "The go/no-go history of a release, newest (standing) first: who, when (UTC), assessments, evidence, snapshot",
  tags: ["releases"],
  auth: true,
  params: ZReleaseParams,
  responses: { 200: { description: "Every decision ever recorded", schema: z.array(ZGateDecision) } },
  errors: {
    403: { description: "An API token without service.view" },
    404: { description: "No such release, or not yours" },
  },
});

export const recordGateDecision = defineOperation({
  operationId: "recordGateDecision",
  method: "POST",
  path: "/api/v1/releases/{releaseId}/decisions",
  summary: "Record a gatekeeper's GO or NO-GO; it supersedes the decision that stood",
  description:
    "Append-only: nothing edits or deletes a decision. Every active gate criterion is assessed (FAIL and WAIVED with a reason); a GO cannot stand on a FAIL. A GO while items of the release are not done (not ready to enter Deployment: see the release's `unfinishedItems`) needs `overrideReason`, kept with the decision.",
  tags: ["releases"],
  auth: true,
  params: ZReleaseParams,
  body: ZRecordGateDecisionRequest,
  responses: { 201: { description: "Recorded", schema: ZGateDecision } },
  errors: {
    403: { description: "Not a gatekeeper of the team (tokens never decide), or a cross-site request" },
    404: { description: "No such release, or not yours" },
    409: { description: "`supersedesId` is not the decision standing now: another was recorded since", schema: ZReleaseConflictError },
    422: {
      description:
        "`details.rule`: a criterion is missing or unknown, a reason is missing, a GO names a failed criterion, or GO_OVER_UNFINISHED: a GO while items are not done and no `overrideReason` (`details.unfinishedItems` lists them); nothing is written",
      schema: ZGoOverUnfinishedError,
    },
  },
});

export const getMayDeploy = defineOperation({
  operationId: "getMayDeploy",
  method: "GET",
  path: "/api/v1/pipeline/releases/{releaseId}/may-deploy",
  summary: "For a pipeline: may this release deploy? Answered from the standing go/no-go decision",
  description: "Send `Authorization: Bearer oby_…`, an API token of the release's service with `deployment.report` or `service.view`.",
  tags: ["pipeline"],
  auth: true,
  params: ZReleaseParams,
  responses: { 200: { description: "The answer and the decision it comes from", schema: ZMayDeploy } },
  errors: {
    403: { description: "The token lacks deployment.report and service.view" },
    404: { description: "No such release, or one of another service than the token's" },
  },
});

export const getMayDeployByName = defineOperation({
  operationId: "getMayDeployByName",
  method: "GET",
  path: "/api/v1/pipeline/services/{serviceId}/releases/{releaseName}/may-deploy",
  summary: "For a pipeline that knows the version name: may release {releaseName} of this service deploy?",
  tags: ["pipeline"],
  auth: true,
  params: z.object({
    serviceId: ZId.describe("The service's id (or its key)"),
    releaseName: z.string().min(1).max(60).describe("The release's version name"),
  }),
  responses: { 200: { description: "The answer and the decision it comes from", schema: ZMayDeploy } },
  errors: {
    403: { description: "The token lacks deployment.report and service.view" },
    404: { description: "No such release, or one of another service than the token's" },
  },
});

export const reportDeployment = defineOperation({
  operationId: "reportDeployment",
  method: "POST",
  path: "/api/v1/pipeline/releases/{releaseId}/deployments",
  summary: "For a pipeline: report a deployment of a release (result, start and end, environment)",
  description:
    "Kept as a `deployment.reported` event for delivery metrics, naming the decision that stood. `commitSha` and `firstCommitAt` " +
    "feed lead time for changes and link incidents; `externalId` makes retries safe; `fixesIncident` counts it as rework.",
  tags: ["pipeline"],
  auth: true,
  params: ZReleaseParams,
  body: ZReportDeploymentRequest,
  responses: {
    201: { description: "Recorded", schema: ZDeployment },
    200: { description: "This externalId was already recorded: the first delivery stands, nothing written", schema: ZDeployment },
  },
  errors: {
    400: { description: "A bad field, named (e.g. commitSha not a SHA, fixesIncident unknown)" },
    403: { description: "The token (or role) lacks deployment.report" },
    404: { description: "No such release, or one of another service than the token's" },
  },
});

/** In the order the document lists them. */
export const RELEASE_OPERATIONS: readonly Operation[] = [
  listReleases,
  createRelease,
  listGateCriteria,
  addGateCriterion,
  getRelease,
  updateRelease,
  changeReleaseItems,
  listGateDecisions,
  recordGateDecision,
  getMayDeploy,
  getMayDeployByName,
  reportDeployment,
];
