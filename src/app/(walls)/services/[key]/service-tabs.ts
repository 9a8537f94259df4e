// The one tab bar of every service page, as data: each tab, where it leads, and which action of
// the permission matrix (src/domain/permissions) a person needs to be offered it. The service
// layout renders it (service-tab-bar.tsx); a new wall of a service adds one entry here.
// Offering a tab is not authorising: every page and every API call checks the matrix again.
import type { Action } from "@/domain/permissions";

export type ServiceTabSpec = {
  key: string;
  label: string;
  /**
   * The pages of the tab under /services/{key}, best first: the tab leads to the first one
   * the person may open (Settings: the stages for those who configure, else the tokens).
   */
  targets: ReadonlyArray<{ path: string; needs: Action; label?: string }>;
  /** The path under /services/{key} whose page (and, unless `exact`, pages below) belong to this tab. */
  section: string;
  exact?: boolean;
};

export const SERVICE_TABS: readonly ServiceTabSpec[] = [
  { key: "wall", label: "Wall", section: "", exact: true, targets: [{ path: "", needs: "service.view" }] },
  { key: "backlog", label: "Backlog", section: "/backlog", targets: [{ path: "/backlog", needs: "service.view" }] },
  { key: "changes", label: "Changes", section: "/changes", targets: [{ path: "/changes", needs: "service.view" }] },
  { key: "releases", label: "Releases", section: "/releases", targets: [{ path: "/releases", needs: "service.view" }] },
  { key: "service", label: "Service", section: "/service", targets: [{ path: "/service", needs: "service.view" }] },
  {
    key: "settings",
    label: "Settings",
    section: "/settings",
    targets: [
      { path: "/settings/stages", needs: "service.configure", label: "Stages" },
      { path: "/settings/tokens", needs: "token.manage", label: "Tokens" },
      { path: "/settings/webhooks", needs: "webhook.manage", label: "Webhooks" },
    ],
  },
  { key: "metrics", label: "Metrics", section: "/metrics", targets: [{ path: "/metrics", needs: "service.view" }] },
  // The Kaizen wall and each problem sheet below it (/kaizen/<problemId>).
  { key: "kaizen", label: "Kaizen", section: "/kaizen", targets: [{ path: "/kaizen", needs: "service.view" }] },
  // What changed since the previous working day: the stand-up in front of the wall.
  { key: "daily", label: "Daily", section: "/daily", targets: [{ path: "/daily", needs: "service.view" }] },
  // The weekly synchronisation: the agenda of an ISO week, its decisions and actions.
  { key: "weekly", label: "Weekly", section: "/weekly", targets: [{ path: "/weekly", needs: "service.view" }] },
];

export type ServiceTab = { key: string; label: string; href: string; section: string; exact: boolean };

/** The tabs a person with these allowed actions is offered on the service `serviceKey`. */
export function serviceTabs(serviceKey: string, allowed: readonly Action[], tabs: readonly ServiceTabSpec[] = SERVICE_TABS): ServiceTab[] {
  const base = `/services/${encodeURIComponent(serviceKey)}`;
  return tabs.flatMap((tab) => {
    const target = tab.targets.find((t) => allowed.includes(t.needs));
    return target ? [{ key: tab.key, label: tab.label, href: `${base}${target.path}`, section: `${base}${tab.section}`, exact: tab.exact ?? false }] : [];
  });
}

/** The tab a path belongs to: the longest section that is the path or (unless exact) a folder above it. */
export function currentServiceTab(tabs: readonly ServiceTab[], pathname: string): string | null {
  const path = pathname.replace(/\/+$/, "");
  let best: ServiceTab | null = null;
  for (const tab of tabs) {
    const hit = path === tab.section || (!tab.exact && path.startsWith(`${tab.section}/`));
    if (hit && (!best || tab.section.length > best.section.length)) best = tab;
  }
  return best?.key ?? null;
}

export type SettingsPage = { label: string; href: string };

/** The settings pages of a service a person may open (the Settings tab's own navigation). */
export function settingsPages(serviceKey: string, allowed: readonly Action[], tabs: readonly ServiceTabSpec[] = SERVICE_TABS): SettingsPage[] {
  const base = `/services/${encodeURIComponent(serviceKey)}`;
  const settings = tabs.find((t) => t.key === "settings");
  return (settings?.targets ?? []).filter((t) => allowed.includes(t.needs)).map((t) => ({ label: t.label ?? t.path, href: `${base}${t.path}` }));
}
