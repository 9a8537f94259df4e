import { describe, expect, it } from "vitest";
import { tvCardOrder } from "@/components/tv/card-order";

const card = (id: string, enteredStageAt: string, extra: Partial<{ andon: unknown; blockedReason: string | null; sentBack: unknown; expedite: unknown }> = {}) => ({
  id,
  enteredStageAt,
  andon: null,
  blockedReason: null,
  sentBack: null,
  expedite: null,
  ...extra,
});

describe("tvCardOrder", () => {
  it("puts cards with a problem first (andon, blocked, sent back or expedite), then the latest arrivals", () => {
    const items = [
      card("old", "2026-11-01T00:00:00Z"),
      card("new", "2026-11-27T10:00:00Z"),
      card("blocked", "2026-10-01T00:00:00Z", { blockedReason: "waiting for a tenant" }),
      card("andon", "2026-09-01T00:00:00Z", { andon: { id: "a" } }),
      card("expedite", "2026-11-02T00:00:00Z", { expedite: { reason: "outage" } }),
      card("middle", "2026-11-15T00:00:00Z"),
    ];
    expect(tvCardOrder(items).map((i) => i.id)).toEqual(["andon", "blocked", "expedite", "new", "middle", "old"]);
    expect(items[0]!.id).toBe("old"); // the input is left as it was
  });
});
