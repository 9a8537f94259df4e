import { describe, expect, it } from "vitest";
import { LAST_USED_RESOLUTION_MS, lastUsedIsStale } from "@/domain/access-tokens";

describe("a token's last use", () => {
  const now = new Date("2026-12-06T10:00:00.000Z");
  it("is recorded on the first use and once the recorded one is an hour old, not in between", () => {
    expect(lastUsedIsStale(null, now)).toBe(true);
    expect(lastUsedIsStale(new Date(now.getTime() - LAST_USED_RESOLUTION_MS + 1), now)).toBe(false);
    expect(lastUsedIsStale(new Date(now.getTime() - LAST_USED_RESOLUTION_MS), now)).toBe(true);
    expect(LAST_USED_RESOLUTION_MS).toBe(3_600_000);
  });
});
