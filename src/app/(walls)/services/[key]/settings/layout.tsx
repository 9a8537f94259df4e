import { currentActor } from "@/components/auth/current-actor";
import { isAppError } from "@/lib/errors";
import { allowedActions } from "@/lib/permissions-view";
import { db } from "@/server/db";
import { findVisibleService, type VisibleService } from "@/server/services/backlog/backlog-access";
import { settingsPages } from "../service-tabs";
import { SettingsNav } from "./settings-nav";

type Props = { children: React.ReactNode; params: Promise<{ key: string }> };

// The settings pages under one small navigation (stages, tokens, webhooks: whichever the matrix
// gives the person). Each page still authorises itself; this only offers links.
export default async function SettingsLayout({ children, params }: Props) {
  const { key } = await params;
  const actor = await currentActor();
  let service: VisibleService | null = null;
  if (actor) {
    try {
      service = await findVisibleService(db, actor, key);
    } catch (e) {
      if (!(isAppError(e) && e.code === "NOT_FOUND")) throw e;
    }
  }
  if (!actor || !service) return children;
  const pages = settingsPages(service.key, allowedActions(actor, { teamId: service.teamId, serviceId: service.id }));
  return (
    <>
      <SettingsNav serviceName={service.name} pages={pages} />
      {children}
    </>
  );
}
