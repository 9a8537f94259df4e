// Wall playback (issue 13.4): the value-stream wall as it was at a moment, rebuilt from the event log.
import { z } from "zod";
import { ZEvent } from "./event";
import { ZWallItem } from "./item";
import { ZStage } from "./service";
import { ZOpenAndon, ZStageProblem } from "./wall";

export const ZWallPlaybackQuery = z.object({
  at: z.iso
    .datetime({ offset: true })
    .describe("The moment to show (ISO 8601, e.g. 2026-11-27T09:30:00Z); a moment after now shows now"),
});

export const ZPlaybackStage = ZStage.extend({
  version: z.number().int().optional(),
  itemCount: z.number().int(),
  openAndons: z.array(ZOpenAndon).describe("Open at that moment"),
  rejections: z.object({ sent: z.number().int(), received: z.number().int() }).describe("Counted up to that moment"),
  problems: z.array(ZStageProblem).describe("The problems of its cards and andons at that moment (empty: green)"),
}).meta({ id: "PlaybackStage" });

export const ZWallPlayback = z
  .object({
    service: z.object({ id: z.string(), key: z.string(), name: z.string() }),
    at: z.string().describe("The moment shown (ISO 8601, UTC)"),
    seq: z.number().int().describe("The last event that had happened by then (0: none)"),
    from: z.string().describe("The first moment there is to show: the service's first event (ISO 8601, UTC)"),
    to: z.string().describe("Now, on the server's clock (ISO 8601, UTC)"),
    stages: z.array(ZPlaybackStage).describe("Left to right, as configured then"),
    items: z.array(ZWallItem).describe("The cards that existed then, where they were"),
    problems: z
      .array(ZStageProblem.extend({ stageId: z.string(), stageName: z.string() }))
      .describe(
        "The problems of every stage then, by the wall's own rule (WIP, blocked, waiting, sent back, expedited, andons); " +
          "problems from other walls' data (tests, RfCs, NO-GO, SLA, Kaizen) are not replayed",
      ),
    recent: z.array(ZEvent).describe("The last events up to that moment, in sequence order (at most 20)"),
    upcoming: z.array(ZEvent).describe("The events after that moment, in sequence order (at most 200): play applies them in turn"),
  })
  .meta({ id: "WallPlayback" });
export type TWallPlayback = z.infer<typeof ZWallPlayback>;
