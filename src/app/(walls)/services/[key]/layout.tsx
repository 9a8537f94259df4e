import { currentActor } from "@/components/auth/current-actor";
import { isAppError } from "@/lib/errors";
import { allowedActions } from "@/lib/permissions-view";
import { db } from "@/server/db";
import { findVisibleService, type VisibleService } from "@/server/services/backlog/backlog-access";
import { ServiceTabBar } from "./service-tab-bar";
import { serviceTabs } from "./service-tabs";

type Props = { children: React.ReactNode; params: Promise<{ key: string }> };

// Every page of a service under one tab bar. Who is signed in and whether they may see the
// service is the page's decision (sign-in redirect, 404); the layout only offers the tabs the
// matrix allows and renders none for a service the person cannot see.
export default async function ServiceLayout({ children, params }: Props) {
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
  const tabs = serviceTabs(service.key, allowedActions(actor, { teamId: service.teamId, serviceId: service.id }));
  return (
    <>
      <ServiceTabBar serviceName={service.name} tabs={tabs} />
      {children}
    </>
  );
}
