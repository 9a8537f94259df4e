// A retired service's walls only read: the UI offers what the matrix allows, minus every write.
import { describe, expect, it } from "vitest";
import { allowedInStatus } from "@/domain/end-of-life";
import { ACTIONS, type Actor } from "@/domain/permissions";
import { allowedActions, canOffer } from "@/lib/permissions-view";

const serviceMaster: Actor = { kind: "user", userId: "u1", name: "Sam", isAdmin: false, memberships: [{ teamId: "t1", role: "SERVICE_MASTER" }] };
const scope = { teamId: "t1", serviceId: "s1" };

describe("a retired service is read-only in the UI", () => {
  it("allows only reading when retired, everything the matrix gives otherwise", () => {
    expect(ACTIONS.filter((a) => allowedInStatus(a, "RETIRED"))).toEqual(["service.view"]);
    for (const status of ["ACTIVE", "RETIRING"] as const) expect(ACTIONS.every((a) => allowedInStatus(a, status))).toBe(true);
  });

  it("hands a retired service's page nothing but service.view, even for its Service Master", () => {
    expect(allowedActions(serviceMaster, scope, "RETIRED")).toEqual(["service.view"]);
    expect(allowedActions(serviceMaster, scope, "RETIRING")).toContain("service.endOfLife");
    expect(allowedActions(serviceMaster, scope)).toContain("mri.edit");
    expect(canOffer(serviceMaster, "mri.edit", scope, "ACTIVE")).toBe(true);
    expect(canOffer(serviceMaster, "mri.edit", scope, "RETIRED")).toBe(false);
    expect(canOffer(serviceMaster, "service.view", scope, "RETIRED")).toBe(true);
  });
});
