// POST /api/v1/services/{serviceId}/devlake/issue/{issueKey}/close — Apache DevLake's "close issue": resolves the incident
import { devlakeCloseIssue } from "@/lib/openapi/delivery-operations";
import { operationRoute } from "@/server/http/operation-route";
import { closeDevLakeIssue } from "@/server/services/devlake/close-devlake-issue";

export const POST = operationRoute(devlakeCloseIssue, async ({ actor, params }) => ({
  status: 200,
  body: await closeDevLakeIssue(actor, params.serviceId, params.issueKey),
}));
