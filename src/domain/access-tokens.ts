// When a token was last used, to the nearest hour: enough for a person deciding which wall
// display or API token is still in use, without a write on every request that carries one.

export const LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

/** Whether a use at `now` should be recorded over the one recorded (null: never used). */
export function lastUsedIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}
