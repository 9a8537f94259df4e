import { describe, expect, it } from "vitest";
import { historiesAsOf } from "@/domain/metrics/as-of";
import { buildHistories } from "@/domain/metrics/history";
import { EVENTS, at } from "./fixture";

describe("histories as of an instant", () => {
  it("equals folding only the events before it (stays reopened, later blocks and ticks forgotten)", () => {
    const full = buildHistories(EVENTS);
    for (const hours of [-5, 0, 5, 9, 10, 13, 21, 26, 31, 45]) {
      const t = at(hours);
      const folded = buildHistories(EVENTS.filter((e) => e.at < t));
      expect(historiesAsOf(full.values(), t), `as of ${hours} h`).toEqual(folded);
    }
  });
  it("keeps the same objects for items nothing happened to since (no copy per request)", () => {
    const full = buildHistories(EVENTS);
    const cut = historiesAsOf(full.values(), at(100));
    expect(cut.get("A")).toBe(full.get("A"));
  });
});
