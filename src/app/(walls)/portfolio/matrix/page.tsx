import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/components/auth/current-actor";
import { PoolMatrixView } from "@/components/portfolio/pool-matrix-view";
import { getPoolMatrix } from "@/server/services/portfolio/get-pool-matrix";

export const metadata: Metadata = { title: "Expert pools × services · Obeya" };

export default async function PoolMatrixPage() {
  const actor = await currentActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent("/portfolio/matrix")}`);
  return <PoolMatrixView matrix={await getPoolMatrix(actor)} />;
}
