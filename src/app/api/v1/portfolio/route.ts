// GET /api/v1/portfolio — the portfolio wall: every service the caller may see, worst first
import { getPortfolio } from "@/lib/openapi/portfolio-operations";
import { operationRoute } from "@/server/http/operation-route";
import { getPortfolio as getPortfolioUseCase } from "@/server/services/portfolio/get-portfolio";

export const GET = operationRoute(getPortfolio, async ({ actor }) => ({ status: 200, body: await getPortfolioUseCase(actor) }));
