// What the wall header says about who is watching: initials on screen, every name for assistive tech.
import { describe, expect, it } from "vitest";
import { initials, presenceLabel } from "@/components/wall/presence";

describe("presence in the wall header", () => {
  it("initials: first and last word, or the first two letters of one word", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("Jean-Luc de la Croix")).toBe("JC");
    expect(initials("bob")).toBe("BO");
    expect(initials("  ")).toBe("?");
    expect(initials("Émile Zola")).toBe("ÉZ");
  });

  it("label: names, tabs, unnamed people beyond the list, TV displays", () => {
    const p = {
      serviceId: "s",
      at: 1,
      viewers: [
        { userId: "1", name: "Ada", count: 1 },
        { userId: "2", name: "Bob", count: 3 },
      ],
      people: 4,
      displays: 1,
    };
    expect(presenceLabel(p)).toBe("4 watching: Ada, Bob (3 tabs), 2 more; 1 TV display");
    expect(presenceLabel({ ...p, viewers: [], people: 0, displays: 2 })).toBe("Nobody watching; 2 TV displays");
    expect(presenceLabel({ ...p, people: 2, displays: 0 })).toBe("2 watching: Ada, Bob (3 tabs)");
  });
});
