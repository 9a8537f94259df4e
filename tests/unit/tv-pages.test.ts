import { describe, expect, it } from "vitest";
import { andonPage, parseTvWalls, tvPages } from "@/components/tv/tv-pages";

describe("TV walls in rotation (?walls=)", () => {
  it("reads the walls in the order given, each once, ignoring unknown names", () => {
    expect(parseTvWalls("kaizen,value-stream,daily")).toEqual(["kaizen", "value-stream", "daily"]);
    expect(parseTvWalls(["Kaizen, kaizen", "daily"])).toEqual(["kaizen", "daily"]);
    expect(parseTvWalls("value-stream,releases,daily")).toEqual(["value-stream", "daily"]);
  });

  it("shows the value-stream wall alone without the parameter or with nothing it knows", () => {
    expect(parseTvWalls(undefined)).toEqual(["value-stream"]);
    expect(parseTvWalls("")).toEqual(["value-stream"]);
    expect(parseTvWalls("backlog")).toEqual(["value-stream"]);
  });

  it("rotates service by service, each service's walls in the order asked", () => {
    expect(tvPages(2, ["value-stream", "kaizen"])).toEqual([
      { wall: 0, kind: "value-stream" },
      { wall: 0, kind: "kaizen" },
      { wall: 1, kind: "value-stream" },
      { wall: 1, kind: "kaizen" },
    ]);
  });

  it("an andon jumps to its service's value-stream page, or to its first page without one", () => {
    expect(andonPage(tvPages(2, ["kaizen", "value-stream", "daily"]), 1)).toBe(4);
    expect(andonPage(tvPages(2, ["kaizen", "daily"]), 1)).toBe(2);
    expect(andonPage(tvPages(1, ["daily"]), 0)).toBe(0);
  });
});
