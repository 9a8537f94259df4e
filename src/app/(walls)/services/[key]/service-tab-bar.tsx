"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { currentServiceTab, type ServiceTab } from "./service-tabs";

/**
 * The tab bar of every service page: plain links in a navigation landmark (Tab and Enter reach
 * every one), the current one marked with aria-current="page". Fixed height, so the walls can
 * size themselves to what is left of the screen; on a narrow screen the row scrolls sideways.
 */
export function ServiceTabBar({ serviceName, tabs }: { serviceName: string; tabs: readonly ServiceTab[] }) {
  const pathname = usePathname();
  const current = currentServiceTab(tabs, pathname ?? "");
  return (
    <nav
      aria-label={`Walls of ${serviceName}`}
      data-testid="service-tabs"
      className="h-11 overflow-x-auto border-b border-slate-200 bg-white px-2 dark:border-slate-800 dark:bg-slate-900 sm:px-4"
    >
      <ul className="flex h-full items-stretch gap-1 whitespace-nowrap">
        {tabs.map((tab) => {
          const active = tab.key === current;
          return (
            <li key={tab.key} className="flex">
              <Link
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center border-b-2 px-3 text-base font-medium focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 ${
                  active
                    ? "border-sky-600 text-slate-900 dark:border-sky-400 dark:text-white"
                    : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
