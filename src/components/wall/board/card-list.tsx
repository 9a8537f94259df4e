"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef, type ReactNode } from "react";

// Up to this many cards a list renders them all (cheap, and the browser's find-in-page sees them);
// beyond it only the cards in view (+ a few) are in the DOM, so a 5,000-item wall hydrates and
// scrolls like a small one.
export const VIRTUALIZE_ABOVE = 40;
// A card with a title on one line and one row of badges; cards are measured once shown.
const ESTIMATED_CARD_PX = 132;
const GAP_PX = 8;

type Props<T extends { id: string }> = {
  items: readonly T[];
  label: string;
  empty: string;
  renderItem: (item: T) => ReactNode;
  // Lanes: each cell scrolls by itself below this height; the single-lane column fills its height.
  className: string;
};

export function CardList<T extends { id: string }>(props: Props<T>) {
  if (props.items.length === 0) {
    return (
      <div className={props.className}>
        {props.empty && <p className="py-4 text-center text-sm text-slate-600 dark:text-slate-400">{props.empty}</p>}
      </div>
    );
  }
  return props.items.length > VIRTUALIZE_ABOVE ? <VirtualCardList {...props} /> : <PlainCardList {...props} />;
}

function PlainCardList<T extends { id: string }>({ items, label, renderItem, className }: Props<T>) {
  return (
    <ol className={`flex flex-col gap-2 ${className}`} aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>{renderItem(item)}</li>
      ))}
    </ol>
  );
}

function VirtualCardList<T extends { id: string }>({ items, label, renderItem, className }: Props<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The compiler skips this component (the virtualizer's functions change identity): expected.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_PX,
    gap: GAP_PX,
    overscan: 4,
    getItemKey: (i) => items[i]!.id,
    // The server (and the first client render) has no element to measure: assume a column of a
    // typical screen, so the HTML already shows the top cards and hydration matches it.
    initialRect: { width: 304, height: 900 },
    useFlushSync: false,
  });
  const rows = virtualizer.getVirtualItems();
  return (
    <div ref={scrollRef} className={`overflow-y-auto ${className}`} data-virtualized="true">
      <ol aria-label={label} className="relative" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <li
            key={row.key}
            data-index={row.index}
            ref={virtualizer.measureElement}
            // The list is longer than what is in the DOM: tell assistive technology its true size.
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
            className="absolute top-0 left-0 w-full"
            style={{ transform: `translateY(${row.start}px)` }}
          >
            {renderItem(items[row.index]!)}
          </li>
        ))}
      </ol>
    </div>
  );
}
