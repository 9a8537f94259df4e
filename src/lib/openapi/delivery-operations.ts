// Delivery inputs for the DORA metrics (issue 11.3): deployments of a service, incidents, and
// Apache DevLake's webhook payloads. Listed in OPERATIONS by ./operations.ts.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import {
  ZDeploymentRecord,
  ZDevLakeDeployment,
  ZDevLakeIntakeResult,
  ZDevLakeIssue,
  ZIncident,
  ZReportIncidentRequest,
  ZReportServiceDeploymentRequest,
  ZResolveIncidentRequest,
} from "@/lib/schemas/delivery";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

const ZServiceParams = z.object({ serviceId: ZId.describe("The service's id (or its key)") });
const NOT_FOUND = { description: "No such service, or one not yours (a token: not its service)" };
const TOKEN = "Send `Authorization: Bearer oby_…`, an API token of the service";
const DEVLAKE =
  "The body of Apache DevLake's webhook plugin (backend/plugins/webhook/api), so a pipeline that posts to DevLake can post here: " +
  "replace DevLake's `…/plugins/webhook/connections/{id}` with `…/api/v1/services/{serviceId}/devlake` and its API key with an Obeya token.";

export const reportServiceDeployment = defineOperation({
  operationId: "reportServiceDeployment",
  method: "POST",
  path: "/api/v1/pipeline/services/{serviceId}/deployments",
  summary: "For a pipeline: report a deployment of the service (no release needed), with its commit and first commit time",
  description: `${TOKEN} with \`deployment.report\`. Production deployments feed DORA; \`externalId\` makes retries safe.`,
  tags: ["pipeline"],
  auth: true,
  params: ZServiceParams,
  body: ZReportServiceDeploymentRequest,
  responses: {
    201: { description: "Recorded", schema: ZDeploymentRecord },
    200: { description: "This externalId was already recorded: the first delivery stands, nothing written", schema: ZDeploymentRecord },
  },
  errors: {
    400: { description: "A bad field, named (e.g. commitSha not a SHA, fixesIncident unknown)" },
    403: { description: "The token (or role) lacks deployment.report" },
    404: NOT_FOUND,
  },
});

export const reportIncident = defineOperation({
  operationId: "reportIncident",
  method: "POST",
  path: "/api/v1/services/{serviceId}/incidents",
  summary: "Open an incident: opened, severity, the deployment that caused it if known (id, externalId or commit SHA)",
  description:
    `${TOKEN} with \`incident.report\`, or a session. Without a named cause, the last production deployment within 24 hours ` +
    "before the incident is taken (causeLink TIME_WINDOW). The same `key` twice is one incident; a repeat carrying `resolvedAt` resolves it.",
  tags: ["incidents"],
  auth: true,
  params: ZServiceParams,
  body: ZReportIncidentRequest,
  responses: {
    201: { description: "Opened", schema: ZIncident },
    200: { description: "This key was already recorded (resolved now if the repeat says so)", schema: ZIncident },
  },
  errors: {
    400: { description: "A bad field, named (e.g. deploymentId names no deployment of the service)" },
    403: { description: "The token (or role) lacks incident.report" },
    404: NOT_FOUND,
  },
});

export const resolveIncident = defineOperation({
  operationId: "resolveIncident",
  method: "POST",
  path: "/api/v1/incidents/{incidentId}/resolve",
  summary: "Resolve an incident (now, or at resolvedAt): recovery time runs from its opening",
  description: "Resolving a resolved incident again changes nothing (`duplicate: true`).",
  tags: ["incidents"],
  auth: true,
  params: z.object({ incidentId: ZId.describe("The incident's id") }),
  body: ZResolveIncidentRequest,
  responses: { 200: { description: "Resolved", schema: ZIncident } },
  errors: {
    400: { description: "resolvedAt before the incident opened" },
    403: { description: "The token (or role) lacks incident.report" },
    404: { description: "No such incident, or not yours" },
    409: { description: "expectedVersion is stale: the current incident is in details.current" },
  },
});

export const devlakeDeployment = defineOperation({
  operationId: "devlakeDeployment",
  method: "POST",
  path: "/api/v1/services/{serviceId}/devlake/deployments",
  summary: "Apache DevLake webhook: a deployment (idempotent on its id)",
  description: `${DEVLAKE} Needs \`deployment.report\`. The first of deploymentCommits is the commit deployed; \`commitAuthoredDate\` on a commit (our extension) gives lead time for changes.`,
  tags: ["webhooks-in"],
  auth: true,
  params: ZServiceParams,
  body: ZDevLakeDeployment,
  responses: { 200: { description: "Recorded, or already recorded (duplicate)", schema: ZDevLakeIntakeResult } },
  errors: { 400: { description: "A malformed payload, the field named; nothing written" }, 403: { description: "The token lacks deployment.report" }, 404: NOT_FOUND },
});

export const devlakeIssue = defineOperation({
  operationId: "devlakeIssue",
  method: "POST",
  path: "/api/v1/services/{serviceId}/devlake/issues",
  summary: "Apache DevLake webhook: an issue; those of type INCIDENT are recorded (idempotent on issueKey)",
  description: `${DEVLAKE} Needs \`incident.report\`. Status DONE (or a resolutionDate) resolves the incident.`,
  tags: ["webhooks-in"],
  auth: true,
  params: ZServiceParams,
  body: ZDevLakeIssue,
  responses: { 200: { description: "Recorded, already recorded (duplicate), or not an incident (nothing)", schema: ZDevLakeIntakeResult } },
  errors: { 400: { description: "A malformed payload, the field named; nothing written" }, 403: { description: "The token lacks incident.report" }, 404: NOT_FOUND },
});

export const devlakeCloseIssue = defineOperation({
  operationId: "devlakeCloseIssue",
  method: "POST",
  path: "/api/v1/services/{serviceId}/devlake/issue/{issueKey}/close",
  summary: "Apache DevLake webhook: close an issue — resolves the incident with that key now",
  description: `${DEVLAKE} Needs \`incident.report\`.`,
  tags: ["webhooks-in"],
  auth: true,
  params: z.object({ serviceId: ZId.describe("The service's id (or its key)"), issueKey: z.string().min(1).max(200).describe("The incident's issueKey") }),
  responses: { 200: { description: "Resolved, or already resolved (duplicate)", schema: ZDevLakeIntakeResult } },
  errors: { 403: { description: "The token lacks incident.report" }, 404: { description: "No such service or incident, or not yours" } },
});

/** In the order the document lists them. */
export const DELIVERY_OPERATIONS: readonly Operation[] = [
  reportServiceDeployment,
  reportIncident,
  resolveIncident,
  devlakeDeployment,
  devlakeIssue,
  devlakeCloseIssue,
];
