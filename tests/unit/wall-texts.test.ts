// Words and colours a person reads on the wall: the item history's sentences and the stage
// header's "Pull andon" button on a stage the line is already stopped in.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { describeEntry } from "@/components/wall/item-drawer/item-history";
import { StageHeader } from "@/components/wall/problems/stage-header";
import type { TItemHistory } from "@/lib/schemas/item";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import type { TOpenAndon } from "@/lib/schemas/wall";

describe("item history", () => {
  const detail = { stages: [], criteria: [] } as unknown as TItemDetail;
  const story = (kind: string) =>
    describeEntry(
      { seq: 1, type: "story.created", payload: { storyId: "s", kind }, createdAt: "2026-12-01T00:00:00.000Z", actor: null } as unknown as TItemHistory["entries"][number],
      detail,
      [],
    ).text;

  it("names each kind of story with its article", () => {
    expect(story("OPERATIONS")).toBe("added an operations story");
    expect(story("USER")).toBe("added a user story");
    expect(story("TEST")).toBe("added a test story");
  });
});

describe("stage header", () => {
  const stage = { id: "dep", name: "Deployment", retired: false, wipLimit: 3, ageThresholdHours: 48 };
  const andon: TOpenAndon = {
    id: "a1",
    stageId: "dep",
    itemId: "i1",
    reason: "Visual regression failing",
    pulledById: null,
    pulledByName: null,
    pulledAt: "2026-12-01T00:00:00.000Z",
    problemId: null,
  };
  const header = (andons: TOpenAndon[]) => {
    const html = renderToStaticMarkup(
      createElement(StageHeader, {
        stage,
        headingId: "h",
        itemCount: 1,
        health: { stageId: "dep", stageName: "Deployment", itemCount: 1, wipLimit: 3, problems: [], andons, rejections: { sent: 0, received: 0 } },
        onPullAndon: () => {},
      }),
    );
    const button = /<button[^>]*class="([^"]*)"[^>]*>Pull andon/.exec(html);
    return { html, pullClass: button?.[1] ?? null };
  };

  it("offers Pull andon on a stage stopped by an item's andon, legible on the red header (not red on red)", () => {
    const { html, pullClass } = header([andon]);
    expect(html).toContain('data-andon="open"');
    expect(html).toMatch(/<header[^>]*class="[^"]*bg-red-700/);
    expect(pullClass).not.toBeNull();
    // On the red header the button is white with dark red text, like "Release" beside it.
    expect(pullClass!.split(" ")).toEqual(expect.arrayContaining(["bg-white", "text-red-800"]));
    expect(pullClass).not.toMatch(/(^| )border-red-700( |$)/);
  });

  it("keeps the quiet outline button on a stage that runs", () => {
    const { html, pullClass } = header([]);
    expect(html).toContain('data-andon="none"');
    expect(pullClass!.split(" ")).not.toContain("bg-white");
    expect(pullClass!.split(" ")).toContain("text-red-800");
  });

  it("offers no Pull andon on a stage stopped by its own andon", () => {
    expect(header([{ ...andon, itemId: null }]).pullClass).toBeNull();
  });
});
