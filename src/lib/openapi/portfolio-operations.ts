// The portfolio wall and the daily feedback view (issue 13). Listed in OPERATIONS by ./operations.ts.
import { z } from "zod";
import { ZId } from "@/lib/schemas/common";
import { ZDailyView, ZPortfolio } from "@/lib/schemas/portfolio";
import type { Operation } from "./operations";

function defineOperation<const O extends Operation>(op: O): O {
  return op;
}

export const getPortfolio = defineOperation({
  operationId: "getPortfolio",
  method: "GET",
  path: "/api/v1/portfolio",
  summary: "The portfolio wall: every service you may see, one row each, worst first",
  description:
    "Each row: the stages as cells, green or what is wrong (the value-stream wall's own stage problems), open andons, a standing NO-GO, " +
    "open Kaizen problems, overdue countermeasures, SLA state, operating cost against plan, and `delivery`: the median lead time of the items done in the last 30 days " +
    "(the metrics wall's own) and the DORA deployment frequency tier. Services of other teams are neither listed nor counted.",
  tags: ["portfolio"],
  auth: true,
  responses: { 200: { description: "The rows, worst first, with each service's last event seq", schema: ZPortfolio } },
  errors: {},
});

export const getServiceDaily = defineOperation({
  operationId: "getServiceDaily",
  method: "GET",
  path: "/api/v1/services/{serviceId}/daily",
  summary: "The daily feedback view: what changed since the previous working day, by stage",
  description:
    "From the event log since the start of the previous working day (UTC; Monday looks back to Friday), grouped by the stage where it happened; " +
    "new problems, items sent back, items blocked now, and countermeasures due today.",
  tags: ["portfolio"],
  auth: true,
  params: z.object({ serviceId: ZId.describe("The service's id (or its key)") }),
  responses: { 200: { description: "The view", schema: ZDailyView } },
  errors: {
    403: { description: "An API token without service.view" },
    404: { description: "No such service, or not yours" },
  },
});

export const PORTFOLIO_OPERATIONS: readonly Operation[] = [getPortfolio, getServiceDaily];
