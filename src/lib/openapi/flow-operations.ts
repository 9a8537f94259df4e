// The value-stream wall's flow operations (issue 4): reject, done-criteria, blocked, edit,
// comment, history, andon, stage configuration. Listed in OPERATIONS by ./operations.ts (one
// spread), beside moveItem which lives there.
import { z } from "zod";
import { ZAndon, ZAndonList, ZPullAndonRequest, ZReleaseAndonRequest } from "@/lib/schemas/andon";
import { ZId } from "@/lib/schemas/common";
import { ZRuleViolationError, ZVersionConflictError } from "@/lib/schemas/http";
import { ZItemDetail } from "@/lib/schemas/item-detail";
import {
  ZComment,
  ZCommentOnItemRequest,
  ZItemHistory,
  ZRejectItemRequest,
  ZSetItemBlockedRequest,
  ZSetItemCriterionRequest,
  ZUpdateItemRequest,
  ZWallItem,
} from "@/lib/schemas/item";
import { ZAddStageRequest, ZConfiguredStage, ZReorderStagesRequest, ZStageList, ZUpdateStageRequest } from "@/lib/schemas/stage";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const ZItemParams = z.object({ itemId: ZId.describe("The work item's id") });
const ZStageParams = z.object({ stageId: ZId.describe("The stage's id") });
const ZAndonParams = z.object({ andonId: ZId.describe("The andon's id") });

const ITEM_ERRORS = {
  403: { description: "Your role may not do this here, or a cross-site request" },
  404: { description: "No such item, or not yours" },
} as const;
const STALE_ITEM = {
  description: "Stale version: someone changed the item first; `details.current` is the item now",
  schema: ZVersionConflictError,
} as const;

export const rejectItem = defineOperation({
  operationId: "rejectItem",
  method: "POST",
  path: "/api/v1/items/{itemId}/reject",
  summary: "Send an item back to an upstream stage with the defect found",
  description:
    "Counts a rejection (`rejectionCount`, event `item.rejected` naming both stages) and unticks the upstream stage's done-criteria: its work is done again.",
  tags: ["items", "flow"],
  auth: true,
  params: ZItemParams,
  body: ZRejectItemRequest,
  responses: { 200: { description: "Sent back: the card as the wall shows it", schema: ZWallItem } },
  errors: {
    ...ITEM_ERRORS,
    409: STALE_ITEM,
    422: { description: "`details.rule`: NOT_UPSTREAM, STAGE_NOT_FOUND, STAGE_RETIRED, SAME_STAGE or a move guard's", schema: ZRuleViolationError },
  },
});

export const setItemCriterion = defineOperation({
  operationId: "setItemCriterion",
  method: "PUT",
  path: "/api/v1/items/{itemId}/criteria/{criterionId}",
  summary: "Tick or untick a done-criterion (JKK) of the item's current stage",
  tags: ["items", "flow"],
  auth: true,
  params: ZItemParams.extend({ criterionId: ZId.describe("A done-criterion of the item's current stage") }),
  body: ZSetItemCriterionRequest,
  responses: { 200: { description: "The card with its met criteria", schema: ZWallItem } },
  errors: {
    ...ITEM_ERRORS,
    422: { description: "`details.rule` CRITERION_NOT_IN_STAGE: not a criterion of the stage the item is in", schema: ZRuleViolationError },
  },
});

export const setItemBlocked = defineOperation({
  operationId: "setItemBlocked",
  method: "PUT",
  path: "/api/v1/items/{itemId}/blocked",
  summary: "Mark an item blocked with a reason, or unblock it with `reason: null`",
  tags: ["items", "flow"],
  auth: true,
  params: ZItemParams,
  body: ZSetItemBlockedRequest,
  responses: { 200: { description: "The card", schema: ZWallItem } },
  errors: { ...ITEM_ERRORS, 409: STALE_ITEM },
});

export const updateItem = defineOperation({
  operationId: "updateItem",
  method: "PATCH",
  path: "/api/v1/items/{itemId}",
  summary: "Edit an item's title, description, kind, labels, business value or cost estimate",
  tags: ["items"],
  auth: true,
  params: ZItemParams,
  body: ZUpdateItemRequest,
  responses: { 200: { description: "The card with its new version", schema: ZWallItem } },
  errors: { ...ITEM_ERRORS, 409: STALE_ITEM },
});

export const commentOnItem = defineOperation({
  operationId: "commentOnItem",
  method: "POST",
  path: "/api/v1/items/{itemId}/comments",
  summary: "Comment on an item",
  tags: ["items"],
  auth: true,
  params: ZItemParams,
  body: ZCommentOnItemRequest,
  responses: { 201: { description: "Added", schema: ZComment } },
  errors: ITEM_ERRORS,
});

export const getItemHistory = defineOperation({
  operationId: "getItemHistory",
  method: "GET",
  path: "/api/v1/items/{itemId}/history",
  summary: "An item's history from its events (who moved, rejected, ticked, blocked, edited it, and when; andons) and its comments",
  tags: ["items"],
  auth: true,
  params: ZItemParams,
  responses: { 200: { description: "Oldest first", schema: ZItemHistory } },
  errors: { 403: { description: "An API token without service.view" }, 404: { description: "No such item, or not yours" } },
});

export const getItemDetail = defineOperation({
  operationId: "getItemDetail",
  method: "GET",
  path: "/api/v1/items/{itemId}",
  summary: "A card's detail: every field, its stage's done-criteria, stories with test results, linked RfC and release with the standing decision",
  description: "The history is on GET /api/v1/items/{itemId}/history. `permissions` lists what the caller may do on the item's service.",
  tags: ["items"],
  auth: true,
  params: ZItemParams,
  responses: { 200: { description: "The item and what surrounds it", schema: ZItemDetail } },
  errors: { 403: { description: "An API token without service.view" }, 404: { description: "No such item, or not yours" } },
});

export const pullAndon = defineOperation({
  operationId: "pullAndon",
  method: "POST",
  path: "/api/v1/services/{serviceId}/andons",
  summary: "Pull the andon on a stage or an item: the stage accepts no new items from upstream; a Kaizen problem is opened",
  tags: ["andon", "flow"],
  auth: true,
  params: ZServiceParams,
  body: ZPullAndonRequest,
  responses: { 201: { description: "Pulled", schema: ZAndon } },
  errors: {
    403: { description: "Your role may not pull the andon here, or a cross-site request" },
    404: { description: "No such service, stage or item, or not yours" },
    422: { description: "`details.rule` ANDON_ALREADY_PULLED or STAGE_RETIRED", schema: ZRuleViolationError },
  },
});

export const listOpenAndons = defineOperation({
  operationId: "listOpenAndons",
  method: "GET",
  path: "/api/v1/services/{serviceId}/andons",
  summary: "The open andons of a service, oldest first",
  tags: ["andon"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "Open andons", schema: ZAndonList } },
  errors: { 403: { description: "An API token without service.view" }, 404: { description: "No such service, or not yours" } },
});

export const releaseAndon = defineOperation({
  operationId: "releaseAndon",
  method: "POST",
  path: "/api/v1/andons/{andonId}/release",
  summary: "Release an andon with the countermeasure taken: the line runs again (the Kaizen problem stays open)",
  tags: ["andon", "flow"],
  auth: true,
  params: ZAndonParams,
  body: ZReleaseAndonRequest,
  responses: { 200: { description: "Released", schema: ZAndon } },
  errors: {
    403: { description: "Your role may not release the andon here, or a cross-site request" },
    404: { description: "No such andon, or not yours" },
    409: { description: "Released already" },
  },
});

export const addStage = defineOperation({
  operationId: "addStage",
  method: "POST",
  path: "/api/v1/services/{serviceId}/stages",
  summary: "Add a stage to a service's value stream, with its WIP limit, age threshold and done-criteria",
  tags: ["stages"],
  auth: true,
  params: ZServiceParams,
  body: ZAddStageRequest,
  responses: { 201: { description: "Added", schema: ZConfiguredStage } },
  errors: {
    403: { description: "Your role may not configure this service (service.configure)" },
    404: { description: "No such service, or not yours" },
    409: { description: "The service has a stage with that key already" },
    422: { description: "`afterStageId` is not a stage of this service", schema: ZRuleViolationError },
  },
});

export const reorderStages = defineOperation({
  operationId: "reorderStages",
  method: "PUT",
  path: "/api/v1/services/{serviceId}/stages/order",
  summary: "Put a service's stages in a new order, left to right (list every stage once)",
  tags: ["stages"],
  auth: true,
  params: ZServiceParams,
  body: ZReorderStagesRequest,
  responses: { 200: { description: "The stages in their new order", schema: ZStageList } },
  errors: {
    403: { description: "Your role may not configure this service (service.configure)" },
    404: { description: "No such service, or not yours" },
    422: { description: "`details.rule` STAGE_SET_MISMATCH: a stage missing, repeated or foreign", schema: ZRuleViolationError },
  },
});

export const updateStage = defineOperation({
  operationId: "updateStage",
  method: "PATCH",
  path: "/api/v1/stages/{stageId}",
  summary: "Rename, retire, set the WIP limit / age threshold of a stage, and add, rename or retire its done-criteria",
  tags: ["stages"],
  auth: true,
  params: ZStageParams,
  body: ZUpdateStageRequest,
  responses: { 200: { description: "The stage with its new version", schema: ZConfiguredStage } },
  errors: {
    403: { description: "Your role may not configure this service (service.configure)" },
    404: { description: "No such stage, or not yours" },
    409: { description: "Stale version: `details.current` is the stage now" },
    422: {
      description: "`details.rule` STAGE_NOT_EMPTY, LAST_OPEN_STAGE or CRITERION_NOT_IN_STAGE",
      schema: ZRuleViolationError,
    },
  },
});

export const FLOW_OPERATIONS: readonly Operation[] = [
  rejectItem,
  setItemCriterion,
  setItemBlocked,
  updateItem,
  commentOnItem,
  getItemHistory,
  getItemDetail,
  pullAndon,
  listOpenAndons,
  releaseAndon,
  addStage,
  reorderStages,
  updateStage,
];
