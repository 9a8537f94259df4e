// GET /api/health — liveness: the process is up and not wedged (no credentials). 503 only when a
// restart would help: the database answers a fresh connection but not the pool (decision 008).
import { health } from "@/lib/openapi/operations";
import { publicOperationRoute } from "@/server/http/operation-route";
import { checkLiveness } from "@/server/services/health/check-liveness";

export const dynamic = "force-dynamic";

export const GET = publicOperationRoute(health, async () => {
  const liveness = await checkLiveness();
  return { status: liveness.status === "ok" ? 200 : 503, body: liveness };
});
