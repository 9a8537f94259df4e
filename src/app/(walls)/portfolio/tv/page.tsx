import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { currentActor } from "@/components/auth/current-actor";
import { TvPortfolio } from "@/components/portfolio/tv-portfolio";
import { TvUnavailable } from "@/app/tv/[serviceKey]/tv-wall";
import type { TPortfolio } from "@/lib/schemas/portfolio";
import { resolveAccessToken } from "@/server/auth/request-actor";
import { log } from "@/server/log";
import { getPortfolio } from "@/server/services/portfolio/get-portfolio";

export const metadata: Metadata = { title: "Portfolio display · Obeya" };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

// As on the TV wall: more services than this want a person's session (a viewer's) instead.
const MAX_TOKENS = 8;

/**
 * The portfolio on an office TV (issue 13.1), read-only, big type, live:
 *
 *   /portfolio/tv                               a signed-in person's portfolio (a viewer's, say), their scope
 *   /portfolio/tv?token=<wall token>&token=…    the rows of the tokens' services, no session at all
 *
 * A wall-display token holds service.view on its own service and nothing else, so its portfolio is
 * that one row; several tokens are merged. Any unknown or revoked token: 404, as a TV link.
 */
export default async function TvPortfolioPage({ searchParams }: Props) {
  const tokens = [...new Set(([] as string[]).concat((await searchParams).token ?? []))].slice(0, MAX_TOKENS);
  if (tokens.length === 0) {
    const actor = await currentActor();
    if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent("/portfolio/tv")}`);
    return <TvPortfolio initial={[await getPortfolio(actor)]} tokens={null} />;
  }
  const parts: TPortfolio[] = [];
  let failed = false;
  for (const token of tokens) {
    const actor = token.startsWith("oby_") ? await resolveAccessToken(token).catch(() => undefined) : null;
    if (actor === undefined) {
      failed = true;
      break;
    }
    if (!actor || actor.kind !== "token" || !actor.display) notFound();
    try {
      parts.push(await getPortfolio(actor));
    } catch (err) {
      log.error({ err }, "tv portfolio: could not be loaded");
      failed = true;
      break;
    }
  }
  // Server trouble, not a bad link: the TV waits and loads again.
  if (failed) return <TvUnavailable />;
  return <TvPortfolio initial={parts} tokens={tokens} />;
}
