"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import type { TItemHistory } from "@/lib/schemas/item";
import type { TItemDetail } from "@/lib/schemas/item-detail";
import { permits } from "@/lib/permissions-view";
import { callApi } from "@/lib/api-client";
import { itemPath } from "./api";
import { BlockControl, DoneCriteria, SendBack } from "./flow-actions";
import { ItemAndon } from "./item-andon";
import { formatUtc, KIND_LABEL, secondaryButtonClass } from "./format";
import { CommentForm, ItemHistory } from "./item-history";
import { ItemFields } from "./item-fields";
import { LinkedChange, StoriesSummary } from "./linked-work";

type Props = {
  // The wall's last applied event: when it moves on while the drawer is open, the drawer reads
  // the card again, so what it shows stays live.
  seq: number;
};

/**
 * A card's detail as a modal side drawer, opened by `?item=<id>` in the URL (a deep link: the
 * card titles on the wall link there). Closing removes the parameter.
 */
export function ItemDrawer(props: Props) {
  // useSearchParams needs a Suspense boundary of its own, or it suspends the whole wall.
  return (
    <Suspense fallback={null}>
      <DrawerFromUrl {...props} />
    </Suspense>
  );
}

function DrawerFromUrl({ seq }: Props) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const itemId = params.get("item");
  const onClosed = useCallback(() => {
    const next = new URLSearchParams(params.toString());
    next.delete("item");
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    // The dialog gives focus back to the title that opened it, but a card that moved meanwhile
    // (sent back, moved by someone) is a new element: find its title again.
    const opened = itemId;
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body) return;
      const title = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(opened ?? "")}"] [data-testid="card-title-link"]`);
      title?.focus();
    });
  }, [itemId, params, pathname, router]);
  if (!itemId) return null;
  return <Drawer key={itemId} itemId={itemId} seq={seq} onClosed={onClosed} />;
}

type LoadError = { status: number; message: string };

function Drawer({ itemId, seq, onClosed }: { itemId: string; seq: number; onClosed: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [detail, setDetail] = useState<TItemDetail | null>(null);
  const [history, setHistory] = useState<TItemHistory | null>(null);
  const [error, setError] = useState<LoadError | null>(null);
  const [loading, setLoading] = useState(true);
  // Answers may arrive out of order: only the latest request's answer is shown.
  const request = useRef(0);
  const loadedSeq = useRef(-1);

  const load = useCallback(async () => {
    const n = ++request.current;
    setLoading(true);
    const [d, h] = await Promise.all([
      callApi<TItemDetail>("GET", itemPath(itemId)),
      callApi<TItemHistory>("GET", itemPath(itemId, "/history")),
    ]);
    if (n !== request.current) return;
    setLoading(false);
    if (!d.ok) {
      setError({ status: d.status, message: d.message });
      return;
    }
    setError(null);
    loadedSeq.current = d.body.seq;
    setDetail(d.body);
    setHistory(h.ok ? h.body : null);
  }, [itemId]);

  // The native modal dialog makes the rest of the page inert (focus stays inside), closes on
  // Escape, and gives focus back to what opened it. No close() on cleanup: Strict Mode's
  // mount-unmount-mount would fire `close` and drop ?item= from the URL at once.
  useEffect(() => {
    const el = dialog.current;
    if (el && !el.open) el.showModal();
  }, []);

  useEffect(() => {
    if (seq > loadedSeq.current || loadedSeq.current < 0) void load();
  }, [load, seq]);

  const close = () => dialog.current?.close();
  const item = detail?.item;
  const may = (action: Parameters<typeof permits>[1]) => (detail ? permits(detail.permissions, action) : false);

  return (
    <dialog
      ref={dialog}
      aria-modal="true"
      aria-labelledby="item-drawer-title"
      aria-busy={loading || undefined}
      data-testid="item-drawer"
      onClose={onClosed}
      className="m-0 ml-auto h-dvh max-h-none w-full max-w-2xl overflow-y-auto bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <header className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-slate-200 bg-white px-5 py-4 dark:border-slate-700 dark:bg-slate-900">
        <div className="min-w-0">
          {item && detail && (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {KIND_LABEL[item.kind]} · {detail.stage.name}
            </p>
          )}
          <h2 id="item-drawer-title" className="text-2xl leading-tight font-bold break-words">
            {item?.title ?? (error ? "Item unavailable" : "Loading item…")}
          </h2>
        </div>
        <button type="button" onClick={close} className={secondaryButtonClass} aria-label="Close item detail">
          Close
        </button>
      </header>

      <div className="flex flex-col gap-5 px-5 py-4">
        {error && (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100">
            <p className="font-semibold">
              {error.status === 404 ? "This item does not exist, or it belongs to a team you are not in." : `The item could not be loaded: ${error.message}`}
            </p>
            {error.status !== 404 && (
              <button type="button" className={`${secondaryButtonClass} mt-2`} onClick={() => void load()}>
                Try again
              </button>
            )}
          </div>
        )}
        {!detail && !error && <p className="text-slate-600 dark:text-slate-400">Loading…</p>}

        {detail && item && (
          <>
            <Problems detail={detail} />
            <Section title="Details">
              <ItemFields detail={detail} canEdit={may("item.update")} onChanged={load} />
            </Section>
            <Section title={`Done-criteria of ${detail.stage.name}`}>
              <DoneCriteria key={item.stageId} detail={detail} canUpdate={may("item.update")} onChanged={load} />
            </Section>
            {(may("item.update") || may("item.move") || may("andon.pull") || item.andon) && (
              <Section title="Flow">
                <div className="flex flex-col gap-5">
                  <ItemAndon detail={detail} />
                  {(may("item.update") || may("item.move")) && (
                    <>
                      <BlockControl detail={detail} canUpdate={may("item.update")} onChanged={load} />
                      <SendBack key={item.stageId} detail={detail} canMove={may("item.move")} onChanged={load} />
                    </>
                  )}
                </div>
              </Section>
            )}
            <Section title="Stories">
              <StoriesSummary detail={detail} />
            </Section>
            <Section title="Request for change and release">
              <LinkedChange detail={detail} />
            </Section>
            <Section title="History">
              <div className="flex flex-col gap-4">
                {may("item.comment") && <CommentForm itemId={item.id} onChanged={load} />}
                <ItemHistory detail={detail} history={history} />
              </div>
            </Section>
          </>
        )}
      </div>
    </dialog>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = `drawer-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="mb-2 text-lg font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** What is wrong with the card right now: blocked, sent back, andon, expedite. */
function Problems({ detail }: { detail: TItemDetail }) {
  const { item } = detail;
  const lines: Array<{ key: string; text: string }> = [];
  if (item.blockedReason) lines.push({ key: "blocked", text: `Blocked: ${item.blockedReason}` });
  if (item.sentBack) {
    const from = detail.stages.find((s) => s.id === item.sentBack!.fromStageId)?.name ?? "downstream";
    lines.push({ key: "sent-back", text: `Sent back by ${from}: ${item.sentBack.reason}` });
  }
  if (item.andon) lines.push({ key: "andon", text: `Andon pulled ${formatUtc(item.andon.pulledAt)}: ${item.andon.reason}` });
  if (item.expedite) lines.push({ key: "expedite", text: `Expedited past the WIP limit: ${item.expedite.reason}` });
  if (lines.length === 0) return null;
  return (
    <ul className="flex flex-col gap-1 rounded-md border-l-8 border-red-600 bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100" data-testid="item-problems">
      {lines.map((l) => (
        <li key={l.key} className="font-medium" data-problem={l.key}>
          {l.text}
        </li>
      ))}
    </ul>
  );
}
