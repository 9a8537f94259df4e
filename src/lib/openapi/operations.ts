// The one registry of HTTP operations. Route handlers bind themselves to an entry here and
// parse with its schemas (src/server/http/operation-route.ts); the OpenAPI document is
// rendered from the same entries (./document.ts). A route cannot answer what is not written
// here, and the document cannot describe what the route does not parse.
import { z } from "zod";
import { ZCatchUp, ZEventsQuery } from "@/lib/schemas/event";
import { ZHealth, ZReadiness, ZVersionConflictError } from "@/lib/schemas/http";
import { ZCreateItemRequest, ZMoveItemRequest, ZWorkItem } from "@/lib/schemas/item";
import { ZCreatedService, ZCreateServiceRequest, ZServiceList } from "@/lib/schemas/service";
import { ZWallSnapshot } from "@/lib/schemas/wall";
import { ZId } from "@/lib/schemas/common";

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
  summary: "Liveness: the process is up",
  tags: ["operations"],
  auth: false,
  responses: { 200: { description: "The process answers", schema: ZHealth } },
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
  errors: { 404: { description: "No such service, or not yours" } },
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
  summary: "Move a work item to another stage, naming the version you saw",
  tags: ["items"],
  auth: true,
  params: ZItemParams,
  body: ZMoveItemRequest,
  responses: { 200: { description: "Moved: the item with its new version", schema: ZWorkItem } },
  errors: {
    403: { description: "Your role may not move items here, or a cross-site request" },
    404: { description: "No such item, or not yours" },
    409: {
      description: "Stale version: someone changed the item first; `details.current` is the item now",
      schema: ZVersionConflictError,
    },
    422: { description: "The move breaks a rule (e.g. a stage of another service, a retired stage)" },
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
  errors: { 404: { description: "No such service, or not yours" } },
});

/** Every operation, in the order the document lists them. */
export const OPERATIONS: readonly Operation[] = [
  health,
  ready,
  openApiDocument,
  listServices,
  createService,
  getWall,
  createItem,
  moveItem,
  listEvents,
];
