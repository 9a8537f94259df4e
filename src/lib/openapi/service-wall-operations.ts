// The service wall's operations (issue 12): MRI, service levels and availability, recovery
// objectives and tests, operating cost, end of life. Listed in OPERATIONS by ./operations.ts.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import {
  ZCreateServiceLevelRequest,
  ZEndOfLifeRequest,
  ZMriKind,
  ZPlanCostRequest,
  ZPostAvailabilityRequest,
  ZPutMriEntryRequest,
  ZRecordActualCostRequest,
  ZRecordMeasurementRequest,
  ZRecordRecoveryTestRequest,
  ZServiceWall,
  ZServiceWallWrite,
  ZSetMriRequiredRequest,
  ZSetRecoveryObjectivesRequest,
  ZVersionedRequest,
} from "@/lib/schemas/service-wall";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const ZMriParams = ZServiceParams.extend({ kind: ZMriKind.describe("The MRI entry's kind") });
const ZLevelParams = z.object({ serviceLevelId: ZId.describe("The service level's id") });
const written = { 201: { description: "Written; `seq` is the event that recorded it", schema: ZServiceWallWrite } } as const;
const writtenOk = { 200: { description: "Written; `seq` is the event that recorded it", schema: ZServiceWallWrite } } as const;
const common = {
  400: { description: "The input is not valid (each wrong field named): a percentage outside 0–100, a negative time or cost" },
  403: { description: "Your role may not do this here, or a cross-site request" },
  404: { description: "No such service, or not yours" },
  422: { description: "A rule refused it — among them SERVICE_RETIRED: a retired service is read-only" },
} as const;

export const getServiceWall = defineOperation({
  operationId: "getServiceWall",
  method: "GET",
  path: "/api/v1/services/{serviceId}/service-wall",
  summary: "The service wall: what is wrong (empty: green), MRI, service levels with error budget and burn, recovery tests, cost, end of life",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "A consistent snapshot with its sequence number", schema: ZServiceWall } },
  errors: { 403: { description: "An API token without service.view" }, 404: { description: "No such service, or not yours" } },
});

export const putMriEntry = defineOperation({
  operationId: "putMriEntry",
  method: "PUT",
  path: "/api/v1/services/{serviceId}/mri/{kind}",
  summary: "Create or edit an MRI entry (content, owner, review interval); editing counts as a review",
  tags: ["service wall"],
  auth: true,
  params: ZMriParams,
  body: ZPutMriEntryRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "The entry exists and no version or a stale one was named" } },
});

export const removeMriEntry = defineOperation({
  operationId: "removeMriEntry",
  method: "DELETE",
  path: "/api/v1/services/{serviceId}/mri/{kind}",
  summary: "Remove an MRI entry (its history stays in the events)",
  tags: ["service wall"],
  auth: true,
  params: ZMriParams,
  body: ZVersionedRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "A stale version" } },
});

export const reviewMriEntry = defineOperation({
  operationId: "reviewMriEntry",
  method: "POST",
  path: "/api/v1/services/{serviceId}/mri/{kind}/review",
  summary: "Mark an MRI entry reviewed today (restarts its review interval)",
  tags: ["service wall"],
  auth: true,
  params: ZMriParams,
  body: ZVersionedRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "A stale version" } },
});

export const setMriRequired = defineOperation({
  operationId: "setMriRequired",
  method: "PUT",
  path: "/api/v1/services/{serviceId}/mri-required",
  summary: "Which MRI entries this service must keep",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZSetMriRequiredRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "The service changed since you looked" } },
});

export const createServiceLevel = defineOperation({
  operationId: "createServiceLevel",
  method: "POST",
  path: "/api/v1/services/{serviceId}/service-levels",
  summary: "An SLA or OLA target, directly or from an operations story; availability objectives get an error budget over 28 or 30 days",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZCreateServiceLevelRequest,
  responses: written,
  errors: common,
});

export const postAvailabilitySamples = defineOperation({
  operationId: "postAvailabilitySamples",
  method: "POST",
  path: "/api/v1/service-levels/{serviceLevelId}/samples",
  summary: "Monitoring posts availability samples (API token with availability.report); a spent budget opens one breach and one problem",
  tags: ["service wall"],
  auth: true,
  params: ZLevelParams,
  body: ZPostAvailabilityRequest,
  responses: written,
  errors: { ...common, 404: { description: "No such service level, or not yours" }, 409: { description: "A period was posted already: nothing of the batch is kept" } },
});

export const recordServiceLevelMeasurement = defineOperation({
  operationId: "recordServiceLevelMeasurement",
  method: "POST",
  path: "/api/v1/service-levels/{serviceLevelId}/measurements",
  summary: "A measured value of a target (response or restore time…): a miss opens one breach and one problem; a met target resolves it",
  tags: ["service wall"],
  auth: true,
  params: ZLevelParams,
  body: ZRecordMeasurementRequest,
  responses: written,
  errors: { ...common, 404: { description: "No such service level, or not yours" } },
});

export const setRecoveryObjectives = defineOperation({
  operationId: "setRecoveryObjectives",
  method: "PUT",
  path: "/api/v1/services/{serviceId}/recovery-objectives",
  summary: "RPO and RTO targets and the recovery-test interval",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZSetRecoveryObjectivesRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "The service changed since you looked" } },
});

export const recordRecoveryTest = defineOperation({
  operationId: "recordRecoveryTest",
  method: "POST",
  path: "/api/v1/services/{serviceId}/recovery-tests",
  summary: "A recovery test: date, scenario, recovery point and time achieved, pass or fail, evidence",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZRecordRecoveryTestRequest,
  responses: written,
  errors: common,
});

export const planCost = defineOperation({
  operationId: "planCost",
  method: "POST",
  path: "/api/v1/services/{serviceId}/costs",
  summary: "The Service Master plans a month's operating cost in a category",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZPlanCostRequest,
  responses: written,
  errors: { ...common, 409: { description: "That month and category are planned already" } },
});

export const recordActualCost = defineOperation({
  operationId: "recordActualCost",
  method: "POST",
  path: "/api/v1/services/{serviceId}/costs/actuals",
  summary: "The actual cost of a planned month (entered once; corrected only with the version seen)",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZRecordActualCostRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "An actual was entered already, or a stale version" } },
});

export const decideEndOfLife = defineOperation({
  operationId: "decideEndOfLife",
  method: "POST",
  path: "/api/v1/services/{serviceId}/end-of-life",
  summary: "The Service Master decides the end of life: RETIRE (date, conditions, plan) → RETIRED, or KEEP",
  tags: ["service wall"],
  auth: true,
  params: ZServiceParams,
  body: ZEndOfLifeRequest,
  responses: writtenOk,
  errors: { ...common, 409: { description: "The service changed since you looked" } },
});

export const SERVICE_WALL_OPERATIONS: readonly Operation[] = [
  getServiceWall,
  putMriEntry,
  removeMriEntry,
  reviewMriEntry,
  setMriRequired,
  createServiceLevel,
  postAvailabilitySamples,
  recordServiceLevelMeasurement,
  setRecoveryObjectives,
  recordRecoveryTest,
  planCost,
  recordActualCost,
  decideEndOfLife,
];
