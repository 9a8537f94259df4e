import { retiredMessage } from "@/domain/end-of-life";

/** Above every wall of a retired service: why there is nothing to change here. */
export function RetiredBanner({ name, className = "mx-4 mt-3 sm:mx-6" }: { name: string; className?: string }) {
  return (
    <p role="status" data-testid="retired-banner" className={`rounded-lg bg-slate-800 px-4 py-3 text-base font-semibold text-white dark:bg-slate-200 dark:text-slate-900 ${className}`}>
      {retiredMessage(name)}
    </p>
  );
}
