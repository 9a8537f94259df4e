// `npm run db:seed` — the demo case of DOMAIN.md, idempotent: nothing happens when the demo
// organisation exists. `--if-empty` (used by `npm start`) also leaves alone a database that has
// users of its own. Either way it prints the demo accounts when they exist.
// The shim must stay the first import: service modules `import "server-only"`, which throws
// outside React's server bundle.
import "../src/server/realtime/register-server-only";
import { db } from "@/server/db";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, roleLabel } from "./seed/accounts";
import { seedDemo } from "./seed/demo";

async function main(): Promise<void> {
  const started = Date.now();
  const result = await seedDemo({ ifEmpty: process.argv.includes("--if-empty") });
  if (result.created) {
    const events = await db.event.count();
    console.log(`Demo data created in ${((Date.now() - started) / 1000).toFixed(1)} s (${events} events).`);
  } else {
    console.log(`Demo data not added: ${result.reason}.`);
  }
  if (result.services.length === 0) return;

  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
  const lines = [
    "",
    "  Demo accounts (every one uses the same password)",
    `  password: ${DEMO_PASSWORD}`,
    "",
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${roleLabel(a)}`),
    "",
    `  Services: ${result.services.map((s) => s.key).join(", ")}`,
    "",
  ];
  console.log(lines.join("\n"));
}

main()
  .then(() => db.$disconnect())
  .catch(async (err: unknown) => {
    console.error("Seeding failed:", err);
    await db.$disconnect().catch(() => {});
    process.exit(1);
  });
