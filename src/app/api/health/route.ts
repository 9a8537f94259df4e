// GET /api/health — liveness: the process is up (no database, no credentials)
import { health } from "@/lib/openapi/operations";
import { publicOperationRoute } from "@/server/http/operation-route";

export const dynamic = "force-dynamic";

export const GET = publicOperationRoute(health, async () => ({
  status: 200,
  body: { status: "ok", uptimeSeconds: Math.floor(process.uptime()) },
}));
