// Shared by the operator commands (npm run backup / restore): argument errors and expected
// failures are printed as one plain message (never a stack trace) with a distinct exit code.
import { parseArgs, type ParseArgsConfig } from "node:util";

export const EXIT_USAGE = 2;

export class UsageError extends Error {}

export function parseCommandLine<T extends ParseArgsConfig["options"]>(argv: string[], options: T, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    // node's messages name the option ("Unknown option '--forse'"); drop its hint about '--'.
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, "."));
  }
}

/** The app's own configuration (src/server/env.ts): the same DATABASE_URL rules and defaults. */
export async function databaseUrl(): Promise<string> {
  const { env } = await import("@/server/env");
  return env.DATABASE_URL;
}

export async function main(usage: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n\n${usage}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const { OpsError } = await import("@/server/ops/backup-restore");
    console.error(`✘ ${(err as Error).message}`);
    process.exitCode = err instanceof OpsError ? err.exitCode : 1;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}
