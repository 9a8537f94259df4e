// Renders prisma/models.prisma into one schema per provider.
// `--check` exits 1 when a rendered copy differs from what would be written (CI drift guard).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = readFileSync(join(root, "prisma/models.prisma"), "utf8");
const check = process.argv.includes("--check");

const header = (provider) => `// GENERATED from prisma/models.prisma by scripts/render-schemas.mjs — do not edit.
generator client {
  provider        = "prisma-client"
  output          = "../../src/generated/${provider}"
  engineType      = "client"
  runtime         = "nodejs"
  moduleFormat    = "esm"
}

datasource db {
  provider = "${provider}"
  url      = env("DATABASE_URL")
}

`;

let drift = false;
for (const provider of ["sqlite", "postgresql"]) {
  const file = join(root, "prisma", provider, "schema.prisma");
  const text = header(provider) + models;
  if (check) {
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) {
      console.error(`drift: ${file} is not rendered from prisma/models.prisma (run npm run db:schema)`);
      drift = true;
    }
  } else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}
process.exit(drift ? 1 : 0);
