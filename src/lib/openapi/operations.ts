// The one registry of HTTP operations. Route handlers bind themselves to an entry here and
// parse with its schemas (src/server/http/operation-route.ts); the OpenAPI document is
// rendered from the same entries (./document.ts). A route cannot answer what is not written
// here, and the document cannot describe what the route does not parse.
import { z } from "zod";
import { ZCatchUp, ZEventsQuery } from "@/lib/schemas/event";
import { ZHealth, ZReadiness, ZRuleViolationError, ZVersionConflictError } from "@/lib/schemas/http";
import { ZCreateItemRequest, ZMoveItemRequest, ZWallItem, ZWorkItem } from "@/lib/schemas/item";
import { ZCreatedService, ZCreateServiceRequest, ZServiceList } from "@/lib/schemas/service";
import { ZWallSnapshot } from "@/lib/schemas/wall";
import { ZWallPlayback, ZWallPlaybackQuery } from "@/lib/schemas/playback";
import { ZId } from "@/lib/schemas/common";
import { BACKLOG_OPERATIONS } from "./backlog-operations";
import { FLOW_OPERATIONS } from "./flow-operations";
import { KAIZEN_OPERATIONS } from "./kaizen-operations";
import { RELEASE_OPERATIONS } from "./release-operations";
import { METRICS_OPERATIONS } from "./metrics-operations";
import { PORTFOLIO_OPERATIONS } from "./portfolio-operations";
import { WEEKLY_OPERATIONS } from "./weekly-operations";
import { SERVICE_WALL_OPERATIONS } from "./service-wall-operations";
import { WEBHOOK_OPERATIONS } from "./webhook-operations";
import { DELIVERY_OPERATIONS } from "./delivery-operations";
import {
  ZAcceptInviteRequest,
  ZAssignPoolRequest,
  ZCreateAccessTokenRequest,
  ZCreateTeamRequest,
  ZCreateUserRequest,
  ZSetMemberRolesRequest,
  ZSetOrgLayoutRequest,
} from "@/lib/schemas/identity";
import {
  ZAccessTokenList,
  ZCreatedAccessToken,
  ZCreatedTeam,
  ZCreatedUser,
  ZInviteAccepted,
  ZMemberRoles,
  ZOrgLayout,
  ZPoolAssignment,
  ZRevokedAccessToken,
  ZSetUserDisabledRequest,
  ZTeamList,
  ZUserDisabled,
  ZUserList,
} from "@/lib/schemas/admin";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export const MUTATING_METHODS: readonly HttpMethod[] = ["POST", "PUT", "PATCH", "DELETE"];

export type ResponseSpec = { description: string; schema: z.ZodType };
export type ErrorSpec = { description: string; schema?: z.ZodType };

export type Operation = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path template; mirrors the route file's folder (`[serviceId]` → `{serviceId}`). */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  /** false: answers without a session or token (probes, the contract itself). */
  auth: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success (and, for probes, expected failure) statuses with their bodies. */
  responses: Readonly<Record<number, ResponseSpec>>;
  /** Errors this operation answers besides the ones every operation may (see document.ts). */
  errors?: Readonly<Partial<Record<number, ErrorSpec>>>;
};

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const ZItemParams = z.object({ itemId: ZId.describe("The work item's id") });

export const health = defineOperation({
  operationId: "getHealth",
  method: "GET",
  path: "/api/health",
  summary: "Liveness: the process is up and not wedged (restart it on 503)",
  tags: ["operations"],
  auth: false,
  responses: {
    200: { description: "The process answers (the database may be away: see /api/ready)", schema: ZHealth },
    503: { description: "The process cannot recover by itself: its database pool is wedged while the database answers", schema: ZHealth },
  },
});

export const ready = defineOperation({
  operationId: "getReadiness",
  method: "GET",
  path: "/api/ready",
  summary: "Readiness: the database answers and every shipped migration is applied",
  tags: ["operations"],
  auth: false,
  responses: {
    200: { description: "Ready to serve", schema: ZReadiness },
    503: { description: "Not ready: the body says what is missing", schema: ZReadiness },
  },
});

export const openApiDocument = defineOperation({
  operationId: "getOpenApiDocument",
  method: "GET",
  path: "/api/v1/openapi.json",
  summary: "This OpenAPI 3.1 document",
  tags: ["meta"],
  auth: false,
  responses: {
    200: {
      description: "The contract of /api/v1",
      schema: z.record(z.string(), z.unknown()).meta({ id: "OpenApiDocument" }),
    },
  },
});

export const createService = defineOperation({
  operationId: "createService",
  method: "POST",
  path: "/api/v1/services",
  summary: "Create an IT service with its Obeya (the eleven default stages unless given)",
  tags: ["services"],
  auth: true,
  body: ZCreateServiceRequest,
  responses: { 201: { description: "Created", schema: ZCreatedService } },
  errors: {
    403: { description: "Not a Service Master (or admin) of the team, or a cross-site request" },
    404: { description: "No such team" },
    409: { description: "A service with this key exists already" },
  },
});

export const listServices = defineOperation({
  operationId: "listServices",
  method: "GET",
  path: "/api/v1/services",
  summary: "The services the caller may see, by name",
  tags: ["services"],
  auth: true,
  responses: { 200: { description: "The visible services", schema: ZServiceList } },
});

export const getWall = defineOperation({
  operationId: "getWallSnapshot",
  method: "GET",
  path: "/api/v1/services/{serviceId}/wall",
  summary: "The value-stream wall of a service: stages, items and the sequence number they reflect",
  tags: ["walls"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "A consistent snapshot", schema: ZWallSnapshot } },
  errors: { 403: { description: "An API token without service.view" }, 404: { description: "No such service, or not yours" } },
});

export const getWallPlayback = defineOperation({
  operationId: "getWallPlayback",
  method: "GET",
  path: "/api/v1/services/{serviceId}/playback",
  summary: "The value-stream wall as it was at a moment, rebuilt from the event log (wall playback)",
  description:
    "Cards in their stages, open andons and the problems of cards and andons after every event that had happened by `at`, " +
    "folded by the same reducer live walls apply events with; with the last events before that moment and the next ones after it (for play). Reads only.",
  tags: ["walls"],
  auth: true,
  params: ZServiceParams,
  query: ZWallPlaybackQuery,
  responses: { 200: { description: "The wall at that moment", schema: ZWallPlayback } },
  errors: {
    400: { description: "`at` is missing or not an ISO 8601 date-time" },
    403: { description: "An API token without service.view" },
    404: { description: "No such service, or not yours" },
  },
});

export const createItem = defineOperation({
  operationId: "createItem",
  method: "POST",
  path: "/api/v1/services/{serviceId}/items",
  summary: "Create a work item at the bottom of the backlog (first stage unless named)",
  tags: ["items"],
  auth: true,
  params: ZServiceParams,
  body: ZCreateItemRequest,
  responses: { 201: { description: "Created", schema: ZWorkItem } },
  errors: {
    403: { description: "Your role may not create items here, or a cross-site request" },
    404: { description: "No such service, or not yours" },
    422: { description: "The named stage is not an open stage of this service" },
  },
});

export const moveItem = defineOperation({
  operationId: "moveItem",
  method: "POST",
  path: "/api/v1/items/{itemId}/move",
  summary: "Move a work item downstream under the rules of flow, naming the version you saw",
  description:
    "JKK: the stage it leaves must be done. The stage it enters must have no open andon and room under its WIP limit, unless `expedite: { reason }`. Upstream is a rejection: POST /api/v1/items/{itemId}/reject.",
  tags: ["items", "flow"],
  auth: true,
  params: ZItemParams,
  body: ZMoveItemRequest,
  responses: { 200: { description: "Moved: the card with its new version", schema: ZWallItem } },
  errors: {
    403: { description: "Your role may not move items here, or a cross-site request" },
    404: { description: "No such item, or not yours" },
    409: {
      description: "Stale version: someone changed the item first; `details.current` is the item now",
      schema: ZVersionConflictError,
    },
    422: {
      description:
        "A rule refused the move; `details.rule`: JKK_INCOMPLETE (with `details.missing`), WIP_LIMIT (`limit`, `count`), LINE_STOPPED, REJECT_REASON_REQUIRED, STAGE_NOT_FOUND, STAGE_RETIRED, SAME_STAGE, or a move guard's rule",
      schema: ZRuleViolationError,
    },
  },
});

export const listEvents = defineOperation({
  operationId: "listEventsAfter",
  method: "GET",
  path: "/api/v1/services/{serviceId}/events",
  summary: "The events of a service after a sequence number, for a client catching up",
  description: "Answers `kind: reload` when the client is too far behind; it should then load a fresh wall snapshot.",
  tags: ["events"],
  auth: true,
  params: ZServiceParams,
  query: ZEventsQuery,
  responses: { 200: { description: "What the client missed, or reload", schema: ZCatchUp } },
  errors: {
    403: { description: "An API token whose scopes lack service.view" },
    404: { description: "No such service, or not yours" },
  },
});

const ADMIN_ONLY = { description: "Not an admin, or a cross-site request" } as const;
const ZUserParams = z.object({ userId: ZId.describe("The user's id") });
const ZTeamParams = z.object({ teamId: ZId.describe("The team's id") });
const ZOrgParams = z.object({ orgId: ZId.describe("The organisation's id") });
const ZTokenParams = z.object({ tokenId: ZId.describe("The access token's id") });

export const adminListUsers = defineOperation({
  operationId: "adminListUsers",
  method: "GET",
  path: "/api/v1/admin/users",
  summary: "Every user with their team roles (admins only)",
  tags: ["admin"],
  auth: true,
  responses: { 200: { description: "The users, by name", schema: ZUserList } },
  errors: { 403: ADMIN_ONLY },
});

export const adminCreateUser = defineOperation({
  operationId: "adminCreateUser",
  method: "POST",
  path: "/api/v1/admin/users",
  summary: "Create a user with a password, or invite them (the invitation link is answered once)",
  tags: ["admin"],
  auth: true,
  body: ZCreateUserRequest,
  responses: { 201: { description: "Created; `inviteUrl` is shown this once", schema: ZCreatedUser } },
  errors: { 403: ADMIN_ONLY, 409: { description: "A user with this email exists already" } },
});

export const adminSetUserDisabled = defineOperation({
  operationId: "adminSetUserDisabled",
  method: "PATCH",
  path: "/api/v1/admin/users/{userId}",
  summary: "Disable a user (their sessions and sockets end at once) or enable them again",
  tags: ["admin"],
  auth: true,
  params: ZUserParams,
  body: ZSetUserDisabledRequest,
  responses: { 200: { description: "Done", schema: ZUserDisabled } },
  errors: { 403: ADMIN_ONLY, 404: { description: "No such user" }, 422: { description: "You cannot disable yourself" } },
});

export const adminListTeams = defineOperation({
  operationId: "adminListTeams",
  method: "GET",
  path: "/api/v1/admin/teams",
  summary: "Organisations with their layout, and every team with its members, roles and pool assignments (admins only)",
  tags: ["admin"],
  auth: true,
  responses: { 200: { description: "The organisation", schema: ZTeamList } },
  errors: { 403: ADMIN_ONLY },
});

export const adminCreateTeam = defineOperation({
  operationId: "adminCreateTeam",
  method: "POST",
  path: "/api/v1/admin/teams",
  summary: "Create a delivery team or an expert pool",
  tags: ["admin"],
  auth: true,
  body: ZCreateTeamRequest,
  responses: { 201: { description: "Created", schema: ZCreatedTeam } },
  errors: { 403: ADMIN_ONLY, 404: { description: "No such organisation" }, 409: { description: "A team with this name exists already" } },
});

export const adminSetMemberRoles = defineOperation({
  operationId: "adminSetMemberRoles",
  method: "PUT",
  path: "/api/v1/admin/teams/{teamId}/members",
  summary: "Set the complete set of roles a user holds in a team (empty removes them); their open sockets are cut",
  tags: ["admin"],
  auth: true,
  params: ZTeamParams,
  body: ZSetMemberRolesRequest,
  responses: { 200: { description: "The roles now held", schema: ZMemberRoles } },
  errors: { 403: ADMIN_ONLY, 404: { description: "No such team or user" } },
});

export const adminSetOrgLayout = defineOperation({
  operationId: "adminSetOrgLayout",
  method: "PUT",
  path: "/api/v1/admin/organizations/{orgId}/layout",
  summary: "Lay the organisation out flat or as a matrix (expert pools assigned to delivery teams)",
  tags: ["admin"],
  auth: true,
  params: ZOrgParams,
  body: ZSetOrgLayoutRequest,
  responses: { 200: { description: "The layout now", schema: ZOrgLayout } },
  errors: { 403: ADMIN_ONLY, 404: { description: "No such organisation" } },
});

export const adminAssignPool = defineOperation({
  operationId: "adminAssignPool",
  method: "PUT",
  path: "/api/v1/admin/pool-assignments",
  summary: "Assign an expert pool to a delivery team, or withdraw it",
  tags: ["admin"],
  auth: true,
  body: ZAssignPoolRequest,
  responses: { 200: { description: "The assignment now", schema: ZPoolAssignment } },
  errors: {
    403: ADMIN_ONLY,
    404: { description: "No such team" },
    422: { description: "Not a pool and a delivery team of the same organisation" },
  },
});

export const acceptInvite = defineOperation({
  operationId: "acceptInvite",
  method: "POST",
  path: "/api/v1/invites/accept",
  summary: "An invited person sets their password with the one-time secret of their invitation link",
  description: "Needs no session: the invitation secret is the credential. Spent on success; refused from another origin.",
  tags: ["admin"],
  auth: false,
  body: ZAcceptInviteRequest,
  responses: { 200: { description: "Password set; sign in with it", schema: ZInviteAccepted } },
  errors: {
    400: { description: "Password too short, or a malformed body" },
    403: { description: "A cross-site request" },
    404: { description: "The invitation is unknown, spent or expired" },
  },
});

export const listAccessTokens = defineOperation({
  operationId: "listAccessTokens",
  method: "GET",
  path: "/api/v1/services/{serviceId}/tokens",
  summary: "The API and wall-display tokens of a service (never their secrets)",
  tags: ["tokens"],
  auth: true,
  params: ZServiceParams,
  responses: { 200: { description: "Newest first", schema: ZAccessTokenList } },
  errors: { 403: { description: "Your role may not manage tokens here" }, 404: { description: "No such service, or not yours" } },
});

export const createAccessToken = defineOperation({
  operationId: "createAccessToken",
  method: "POST",
  path: "/api/v1/services/{serviceId}/tokens",
  summary: "Create an API token (scoped to actions) or a wall-display token (read-only); the secret is answered once",
  tags: ["tokens"],
  auth: true,
  params: ZServiceParams,
  body: ZCreateAccessTokenRequest,
  responses: { 201: { description: "Created; `secret` is shown this once", schema: ZCreatedAccessToken } },
  errors: {
    403: { description: "Your role may not manage tokens here, or a cross-site request" },
    404: { description: "No such service, or not yours" },
  },
});

export const revokeAccessToken = defineOperation({
  operationId: "revokeAccessToken",
  method: "DELETE",
  path: "/api/v1/tokens/{tokenId}",
  summary: "Revoke a token: its requests fail and its open sockets are cut at once",
  tags: ["tokens"],
  auth: true,
  params: ZTokenParams,
  responses: { 200: { description: "Revoked (revoking twice is harmless)", schema: ZRevokedAccessToken } },
  errors: {
    403: { description: "Your role may not manage tokens here, or a cross-site request" },
    404: { description: "No such token, or not yours" },
  },
});

/** Every operation, in the order the document lists them. */
export const OPERATIONS: readonly Operation[] = [
  health,
  ready,
  openApiDocument,
  listServices,
  createService,
  getWall,
  getWallPlayback,
  createItem,
  moveItem,
  listEvents,
  adminListUsers,
  adminCreateUser,
  adminSetUserDisabled,
  adminListTeams,
  adminCreateTeam,
  adminSetMemberRoles,
  adminSetOrgLayout,
  adminAssignPool,
  acceptInvite,
  listAccessTokens,
  createAccessToken,
  revokeAccessToken,
  ...BACKLOG_OPERATIONS,
  ...FLOW_OPERATIONS,
  ...RELEASE_OPERATIONS,
  ...KAIZEN_OPERATIONS,
  ...SERVICE_WALL_OPERATIONS,
  ...METRICS_OPERATIONS,
  ...PORTFOLIO_OPERATIONS,
  ...WEEKLY_OPERATIONS,
  ...WEBHOOK_OPERATIONS,
  ...DELIVERY_OPERATIONS,
];
