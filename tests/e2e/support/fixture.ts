// Creates the e2e suite's people and services in a freshly migrated database, through the same
// service functions the app uses. Run by prepare-db.mjs with tsx, before the server starts.
import "../../../src/server/realtime/register-server-only";
import type { Actor } from "@/domain/permissions";
import type { Role } from "@/domain/roles";
import { DEFAULT_STAGES } from "@/domain/stages";
import { hashPassword } from "@/server/auth/password";
import { db } from "@/server/db";
import { loadUserActor } from "@/server/services/actors/load-user-actor";
import { createService } from "@/server/services/services/create-service";
import { createTeam } from "@/server/services/teams/create-team";
import { setMemberRoles } from "@/server/services/teams/set-member-roles";
import { createUser } from "@/server/services/users/create-user";
import { DND_SERVICE, E2E_PASSWORD, E2E_USERS, FLOW_SERVICE, HIDDEN_SERVICE } from "./accounts";

async function main() {
  // The first admin cannot be created by an admin: the one bootstrap write, as in the seed.
  const org = await db.organization.create({ data: { name: "E2E Org" }, select: { id: true } });
  const adminRow = await db.user.create({
    data: { ...E2E_USERS.admin, isAdmin: true, passwordHash: await hashPassword(E2E_PASSWORD) },
    select: { id: true },
  });
  const admin = (await loadUserActor(adminRow.id)) as Actor;

  const flowTeam = await createTeam(admin, { orgId: org.id, name: "E2E Flow Team" });
  const otherTeam = await createTeam(admin, { orgId: org.id, name: "E2E Other Team" });

  const members: Array<[keyof typeof E2E_USERS, Role[]]> = [
    ["alice", ["DEVELOPER"]],
    ["bob", ["DEVELOPER"]],
    ["viewer", ["VIEWER"]],
    ["leaver", ["DEVELOPER"]],
    ["outsider", []],
  ];
  for (const [key, roles] of members) {
    const { user } = await createUser(admin, { ...E2E_USERS[key], password: E2E_PASSWORD });
    if (roles.length > 0) await setMemberRoles(admin, flowTeam.id, { userId: user.id, roles });
  }

  // The default stages and WIP limits, without done-criteria: these specs move fresh cards
  // straight to later stages (a spec about JKK ticks or adds the criteria it needs).
  const stages = DEFAULT_STAGES.map((st) => ({ ...st, doneCriteria: [] }));
  await createService(admin, { teamId: flowTeam.id, ...FLOW_SERVICE, description: "Where the e2e tests move cards.", stages });
  await createService(admin, { teamId: otherTeam.id, ...HIDDEN_SERVICE });
  // Drag and drop: leaving Analysis needs its criteria (JKK); Build holds one item (WIP limit);
  // Archive gets a long (virtualised) column.
  await createService(admin, {
    teamId: flowTeam.id,
    ...DND_SERVICE,
    description: "Where wall-dnd.spec.ts drags cards.",
    stages: [
      { key: "intake", name: "Intake", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      { key: "analysis", name: "Analysis", wipLimit: null, ageThresholdHours: null, doneCriteria: ["Acceptance criteria written", "Risks assessed"] },
      { key: "build", name: "Build", wipLimit: 1, ageThresholdHours: null, doneCriteria: [] },
      { key: "release", name: "Release", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
      // Filled past the virtualisation threshold by one spec; the others leave it alone.
      { key: "archive", name: "Archive", wipLimit: null, ageThresholdHours: null, doneCriteria: [] },
    ],
  });
  console.log("e2e fixture ready");
}

main()
  .then(() => db.$disconnect())
  .catch(async (err: unknown) => {
    console.error("e2e fixture failed:", err);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
