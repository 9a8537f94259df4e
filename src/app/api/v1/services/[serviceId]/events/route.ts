// GET /api/v1/services/{serviceId}/events?after=N — the events a reconnecting client missed
import { listEvents } from "@/lib/openapi/operations";
import { operationRoute } from "@/server/http/operation-route";
import { getEventsForActor } from "@/server/services/events/get-events-for-actor";

export const GET = operationRoute(listEvents, async ({ actor, params, query }) => ({
  status: 200,
  body: await getEventsForActor(actor, params.serviceId, query.after),
}));
