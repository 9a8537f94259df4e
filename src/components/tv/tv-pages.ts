// Which pages a TV shows and in what order: every wall named by `?walls=` (value-stream, kaizen,
// daily) for each service of the link's tokens, service by service. Pure, for the page (server)
// and the screen (browser) alike.

export const TV_WALL_KINDS = ["value-stream", "kaizen", "daily"] as const;
export type TvWallKind = (typeof TV_WALL_KINDS)[number];

export const TV_WALL_LABELS: Record<TvWallKind, string> = { "value-stream": "Value stream", kaizen: "Kaizen", daily: "Daily" };

/**
 * `?walls=value-stream,kaizen,daily` → the kinds in the order given, each once; unknown names
 * are ignored (a TV link typed by hand should still show something). None or nothing known: the
 * value-stream wall alone, as before the parameter existed.
 */
export function parseTvWalls(raw: string | readonly string[] | undefined): TvWallKind[] {
  const parts = ([] as string[]).concat(raw ?? []).flatMap((v) => v.split(","));
  const kinds: TvWallKind[] = [];
  for (const p of parts) {
    const k = p.trim().toLowerCase() as TvWallKind;
    if ((TV_WALL_KINDS as readonly string[]).includes(k) && !kinds.includes(k)) kinds.push(k);
  }
  return kinds.length > 0 ? kinds : ["value-stream"];
}

export type TvPage = { wall: number; kind: TvWallKind };

/** Service by service, each service's walls in the order asked. */
export function tvPages(services: number, kinds: readonly TvWallKind[]): TvPage[] {
  return Array.from({ length: services }, (_, wall) => kinds.map((kind) => ({ wall, kind }))).flat();
}

/**
 * Where an andon on service `wall` takes the TV: that service's value-stream wall (the andon
 * shows there), or its first page when the link leaves the value stream out.
 */
export function andonPage(pages: readonly TvPage[], wall: number): number {
  const vs = pages.findIndex((p) => p.wall === wall && p.kind === "value-stream");
  if (vs >= 0) return vs;
  return Math.max(0, pages.findIndex((p) => p.wall === wall));
}
