"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { SettingsPage } from "../service-tabs";

/** The settings pages the person may open, as links; the current one marked aria-current="page". */
export function SettingsNav({ serviceName, pages }: { serviceName: string; pages: readonly SettingsPage[] }) {
  const pathname = usePathname()?.replace(/\/+$/, "") ?? "";
  if (pages.length < 2) return null;
  return (
    <nav aria-label={`Settings of ${serviceName}`} data-testid="settings-nav" className="mx-auto max-w-5xl px-6 pt-4 sm:px-8">
      <ul className="flex flex-wrap gap-2">
        {pages.map((p) => {
          const active = pathname === p.href;
          return (
            <li key={p.href}>
              <Link
                href={p.href}
                aria-current={active ? "page" : undefined}
                className={`inline-flex rounded-full px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${
                  active
                    ? "bg-sky-700 text-white"
                    : "bg-slate-100 text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700"
                }`}
              >
                {p.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
