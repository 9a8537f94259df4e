// POST /api/v1/kaizen-proposals/{proposalId}/answer — accept or decline, with a reason
import { answerProposal } from "@/lib/openapi/kaizen-operations";
import { operationRoute } from "@/server/http/operation-route";
import { answerProposal as answerProposalUseCase } from "@/server/services/kaizen-proposals/answer-proposal";

export const POST = operationRoute(answerProposal, async ({ actor, params, body }) => ({
  status: 200,
  body: await answerProposalUseCase(actor, params.proposalId, body),
}));
