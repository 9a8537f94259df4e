// The one tab bar of the service pages, as data: which tabs a person is offered (from the
// permission matrix) and which one a path belongs to.
import { describe, expect, it } from "vitest";
import { currentServiceTab, serviceTabs, settingsPages, SERVICE_TABS } from "@/app/(walls)/services/[key]/service-tabs";
import { MATRIX } from "@/domain/permissions";

describe("service tabs", () => {
  it("offer every wall to whoever sees the service, in one order", () => {
    expect(SERVICE_TABS.map((t) => t.label).slice(0, 6)).toEqual(["Wall", "Backlog", "Changes", "Releases", "Service", "Settings"]);
    const viewer = serviceTabs("web", MATRIX.VIEWER);
    expect(viewer.map((t) => [t.label, t.href])).toEqual([
      ["Wall", "/services/web"],
      ["Backlog", "/services/web/backlog"],
      ["Changes", "/services/web/changes"],
      ["Releases", "/services/web/releases"],
      ["Service", "/services/web/service"],
      ["Metrics", "/services/web/metrics"],
      ["Kaizen", "/services/web/kaizen"],
      ["Daily", "/services/web/daily"],
      ["Weekly", "/services/web/weekly"],
    ]);
  });

  it("lead Settings to the stages for those who configure, to the tokens for token managers only, nowhere for others", () => {
    expect(serviceTabs("web", MATRIX.SERVICE_MASTER).find((t) => t.key === "settings")?.href).toBe("/services/web/settings/stages");
    expect(serviceTabs("web", ["service.view", "token.manage"]).find((t) => t.key === "settings")?.href).toBe("/services/web/settings/tokens");
    expect(serviceTabs("web", MATRIX.DEVELOPER).some((t) => t.key === "settings")).toBe(false);
    expect(serviceTabs("web", [])).toEqual([]);
  });

  it("list the settings pages a person may open: webhooks for the Service Master only, of the team roles", () => {
    expect(settingsPages("web", MATRIX.SERVICE_MASTER)).toEqual([
      { label: "Stages", href: "/services/web/settings/stages" },
      { label: "Tokens", href: "/services/web/settings/tokens" },
      { label: "Webhooks", href: "/services/web/settings/webhooks" },
    ]);
    expect(settingsPages("web", MATRIX.DEVOPS_ENGINEER).map((p) => p.label)).toEqual(["Tokens"]);
    expect(settingsPages("web", MATRIX.DEVELOPER)).toEqual([]);
    expect(serviceTabs("web", ["service.view", "webhook.manage"]).find((t) => t.key === "settings")?.href).toBe("/services/web/settings/webhooks");
  });

  it("mark the tab of the page, the wall only on the service's own page", () => {
    const tabs = serviceTabs("web", MATRIX.SERVICE_MASTER);
    expect(currentServiceTab(tabs, "/services/web")).toBe("wall");
    expect(currentServiceTab(tabs, "/services/web/")).toBe("wall");
    expect(currentServiceTab(tabs, "/services/web/backlog")).toBe("backlog");
    expect(currentServiceTab(tabs, "/services/web/service")).toBe("service");
    expect(currentServiceTab(tabs, "/services/web/settings/tokens")).toBe("settings");
    expect(currentServiceTab(tabs, "/services/web/settings/stages")).toBe("settings");
    expect(currentServiceTab(tabs, "/services/web/unknown")).toBeNull();
    expect(currentServiceTab(tabs, "/services/webshop")).toBeNull();
    expect(currentServiceTab(tabs, "/services/web/backlogs")).toBeNull();
    // a problem sheet belongs to the Kaizen tab
    expect(currentServiceTab(tabs, "/services/web/kaizen")).toBe("kaizen");
    expect(currentServiceTab(tabs, "/services/web/kaizen/p1")).toBe("kaizen");
    expect(currentServiceTab(tabs, "/services/web/daily")).toBe("daily");
    expect(currentServiceTab(tabs, "/services/web/weekly")).toBe("weekly");
  });

  it("take a new wall from one more entry", () => {
    const tabs = serviceTabs("web", MATRIX.DEVELOPER, [
      ...SERVICE_TABS,
      { key: "tv", label: "TV", section: "/tv", targets: [{ path: "/tv", needs: "item.update" }] },
    ]);
    expect(tabs.at(-1)).toMatchObject({ key: "tv", href: "/services/web/tv" });
    expect(currentServiceTab(tabs, "/services/web/tv/p1")).toBe("tv");
  });
});
