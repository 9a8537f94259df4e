import "server-only";
import type { ServiceStatus } from "@/domain/end-of-life";
import type { Actor } from "@/domain/permissions";
import { visibleServiceWhere } from "@/server/auth/authorize";
import { db } from "@/server/db";

export type ServiceSummary = {
  id: string;
  key: string;
  name: string;
  description: string;
  status: ServiceStatus;
  team: { id: string; name: string };
  itemCount: number;
};

/** The services this actor may see, by name; scoped in the query so others' never load. */
export async function listServices(actor: Actor): Promise<ServiceSummary[]> {
  const rows = await db.service.findMany({
    where: visibleServiceWhere(actor),
    orderBy: { name: "asc" },
    select: {
      id: true,
      key: true,
      name: true,
      description: true,
      status: true,
      team: { select: { id: true, name: true } },
      _count: { select: { items: true } },
    },
  });
  return rows.map(({ _count, status, ...s }) => ({
    ...s,
    status: status as ServiceSummary["status"],
    itemCount: _count.items,
  }));
}
