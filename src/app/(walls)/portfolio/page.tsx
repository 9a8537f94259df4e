import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/components/auth/current-actor";
import { PortfolioWall } from "@/components/portfolio/portfolio-wall";
import { getPortfolio } from "@/server/services/portfolio/get-portfolio";

export const metadata: Metadata = { title: "Portfolio · Obeya" };

export default async function PortfolioPage() {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent("/portfolio")}`);
  return <PortfolioWall initial={await getPortfolio(actor)} />;
}
