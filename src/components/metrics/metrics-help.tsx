// The definitions behind every number, from docs/decisions/007-flow-metrics.md.
export function MetricsHelp() {
  return (
    <details className="rounded-xl bg-white p-3 shadow-sm dark:bg-slate-900">
      <summary className="cursor-pointer font-semibold">How these numbers are measured</summary>
      <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm md:grid-cols-2">
        <Def term="Source">Every number comes from the event log (moves, rejections, blocks, done-criteria, deployments), not the current board: renamed and retired stages keep their history. Times are UTC; weeks are ISO weeks.</Def>
        <Def term="Wait time">Within each stay in a stage: queued (entered, no done-criterion ticked yet), blocked, and done-waiting (every done-criterion met, not yet pulled on) — an hour in two of these counts once. A stay with no tick at all shows no queue.</Def>
        <Def term="Process time">Time in the stage minus wait time. The VSM box shows the average per stay (P/T); the wait beside it is the average wait per stay.</Def>
        <Def term="%C/A">Of the items a stage passed on in the period, the share not sent back into it later (complete and accurate).</Def>
        <Def term="Lead time">From entering the start stage (Requirements &amp; design) to entering the done stage (Operations), for items done in the period. Rework — from a rejection until the item is back where it was sent back from — is inside it.</Def>
        <Def term="Flow efficiency">Σ process time ÷ Σ lead time of the items done in the period.</Def>
        <Def term="Percentiles">Nearest rank: the smallest observed value with at least that share at or below it — always a time someone really had.</Def>
        <Def term="Cumulative flow, WIP">Items in each stage at the end of each day; work in progress is the items from the start stage up to (not including) the done stage.</Def>
        <Def term="Aging WIP">Each open item by its age in its current stage, against the 50th/85th/95th percentile of that stage&apos;s stays that ended in the period.</Def>
        <Def term="Forecast">10,000 Monte Carlo runs drawing days (with replacement) from the period&apos;s daily throughput, with a fixed seed. &ldquo;85%&rdquo;: 85 of 100 runs were done by then.</Def>
        <Def term="DORA">Production deployments (environment production or prod) finished in the period: successful ones per day; failed ones over all; recovery and rework need incident records.</Def>
      </dl>
    </details>
  );
}

function Def({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-semibold">{term}</dt>
      <dd className="text-slate-700 dark:text-slate-300">{children}</dd>
    </div>
  );
}
