"use client";

import { useLayoutEffect, type RefObject } from "react";

// Eleven stages share a TV's width, so a column is ~110 px wide at 1280 px and ~165 px at
// 1920 px: a long word ("Administration", "synchronisation") at the TV's big type is wider than
// its column. Breaking it in the middle ("Deploy|ment") or cutting it off is unreadable from
// across a room, and hyphenation dictionaries are not on every TV browser. So words never break
// on the TV; instead each text that would overflow gets the largest font size (down to
// MIN_SCALE of its own) at which its longest word fits. Only below that does it break.

/** The texts of the TV board that get fitted (stage names, problems, andon text, card titles). */
export const FIT_SELECTOR = [
  "h2",
  '[data-testid="stage-problems"] li',
  '[data-testid="stage-green"]',
  '[data-testid="stage-andon"] p',
  '[data-testid="tv-card-title"]',
].join(",");

const MIN_SCALE = 0.7;

function fit(el: HTMLElement): void {
  el.style.fontSize = "";
  el.style.overflowWrap = "";
  const base = parseFloat(getComputedStyle(el).fontSize);
  let size = base;
  // Text that overflows its box sideways is a word wider than the box (words do not break here).
  for (let i = 0; i < 6 && el.scrollWidth > el.clientWidth + 0.5; i++) {
    const next = Math.max(base * MIN_SCALE, Math.floor(size * (el.clientWidth / el.scrollWidth) * 2) / 2);
    if (next >= size) break;
    size = next;
    el.style.fontSize = `${size}px`;
  }
  if (el.scrollWidth > el.clientWidth + 0.5) el.style.overflowWrap = "anywhere";
}

/** Fits every FIT_SELECTOR text inside `root` after each render and whenever the board is resized. */
export function useFitWords(root: RefObject<HTMLElement | null>, deps: unknown[]): void {
  useLayoutEffect(() => {
    const board = root.current;
    if (!board) return;
    const fitAll = () => board.querySelectorAll<HTMLElement>(FIT_SELECTOR).forEach(fit);
    fitAll();
    let width = board.clientWidth;
    const observer = new ResizeObserver(() => {
      if (board.clientWidth === width) return;
      width = board.clientWidth;
      fitAll();
    });
    observer.observe(board);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}
