// Run as a process of its own against a restored database (DATABASE_URL), the way the app
// starts: the app's own readiness check (database reachable, every shipped migration applied),
// then the wall of one service loaded through the services, as a signed-in member would.
// `node --conditions=react-server --import tsx tests/support/restored-app-check.ts <userId> <serviceId>`
// prints one JSON line: { readiness, wall: { items, seq } }.
import { db, dbReady } from "@/server/db";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { checkReadiness } from "@/server/services/health/check-readiness";
import { getWallSnapshot } from "@/server/services/walls/get-wall-snapshot";

const [userId, serviceId] = process.argv.slice(2);

async function main() {
  await dbReady();
  const readiness = await checkReadiness();
  const actor = await loadUserActor(userId!);
  if (!actor) throw new Error(`user ${userId} is missing from the restored database`);
  const wall = await getWallSnapshot(actor, serviceId!);
  console.log(JSON.stringify({ readiness, wall: { items: wall.items.length, seq: wall.seq } }));
  await db.$disconnect();
  process.exit(0);
}

void main();
