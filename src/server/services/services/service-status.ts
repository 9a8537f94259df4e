import "server-only";
import type { ServiceStatus } from "@/domain/end-of-life";
import { db } from "@/server/db";

/**
 * A service's end-of-life status, for pages whose read model does not carry it: a retired
 * service's walls offer no write control (the server refuses the writes anyway).
 */
export async function serviceStatusOf(serviceId: string): Promise<ServiceStatus> {
  const row = await db.service.findUnique({ where: { id: serviceId }, select: { status: true } });
  return row?.status ?? "ACTIVE";
}
