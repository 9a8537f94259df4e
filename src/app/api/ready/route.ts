// GET /api/ready — readiness: the database answers and every shipped migration is applied
import { ready } from "@/lib/openapi/operations";
import { publicOperationRoute } from "@/server/http/operation-route";
import { checkReadiness } from "@/server/services/health/check-readiness";

export const dynamic = "force-dynamic";

export const GET = publicOperationRoute(ready, async () => {
  const readiness = await checkReadiness();
  return { status: readiness.status === "ready" ? 200 : 503, body: readiness };
});
