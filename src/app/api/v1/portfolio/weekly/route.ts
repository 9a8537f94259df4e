// GET /api/v1/portfolio/weekly — the weekly synchronisation agenda of every service you may see (?week=2026-W49)
import { getPortfolioWeekly } from "@/lib/openapi/weekly-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getPortfolioWeekly as getPortfolioWeeklyUseCase } from "@/server/services/weekly/get-weekly-agenda";

export const GET = operationRoute(getPortfolioWeekly, async ({ actor, query }) => ({ status: 200, body: await getPortfolioWeeklyUseCase(actor, query) }));
