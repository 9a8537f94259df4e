// Generates the Prisma client of each provider (src/generated/sqlite, src/generated/postgresql).
// Runs on `npm install` (postinstall) so a fresh clone is ready to build.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

const urls = { sqlite: "file:./data/obeya.db", postgresql: "postgresql://localhost:5432/obeya" };
mkdirSync("data", { recursive: true });
for (const [provider, url] of Object.entries(urls)) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  console.log(`prisma client generated for ${provider}`);
}
