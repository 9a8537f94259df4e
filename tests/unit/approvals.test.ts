import { describe, expect, it } from "vitest";
import { decideApproval, isWaitingTooLong, keysHeld, keysOpenTo, type RfcForApproval } from "@/domain/approvals";
import type { Actor } from "@/domain/permissions";

const pending: RfcForApproval = { status: "PENDING", approvals: [], raisedById: "rita" };
const smApproved: RfcForApproval = { status: "PENDING", approvals: [{ role: "SERVICE_MASTER", userId: "sven", decision: "APPROVE" }], raisedById: "rita" };

describe("two-key approval", () => {
  it("the first key leaves the request waiting for the other", () => {
    expect(decideApproval({ rfc: pending, userId: "sven", held: ["SERVICE_MASTER"], decision: "APPROVE" })).toEqual({
      ok: true,
      role: "SERVICE_MASTER",
      outcome: "WAITING_FOR_OTHER_KEY",
    });
  });
  it("the other key turned by another person approves it", () => {
    expect(decideApproval({ rfc: smApproved, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({
      ok: true,
      outcome: "APPROVED",
    });
  });
  it("the same person cannot turn both keys, even holding both roles", () => {
    const v = decideApproval({ rfc: smApproved, userId: "sven", held: ["SERVICE_MASTER", "RELIABILITY_ENGINEER"], decision: "APPROVE" });
    expect(v).toMatchObject({ ok: false, code: "SAME_PERSON" });
  });
  it("a person without the key is refused; one with both must say which", () => {
    expect(decideApproval({ rfc: pending, userId: "dev", held: [], decision: "APPROVE" })).toMatchObject({ ok: false, code: "NO_KEY" });
    expect(decideApproval({ rfc: pending, userId: "ravi", held: ["RELIABILITY_ENGINEER"], role: "SERVICE_MASTER", decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "NO_KEY",
    });
    expect(decideApproval({ rfc: pending, userId: "both", held: ["SERVICE_MASTER", "RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "CHOOSE_KEY",
    });
  });
  it("the person who raised the change turns neither key, to approve or to reject (issue 9.3)", () => {
    const raisedByRavi: RfcForApproval = { ...pending, raisedById: "ravi" };
    for (const decision of ["APPROVE", "REJECT"] as const) {
      expect(decideApproval({ rfc: raisedByRavi, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision, reason: "mine" })).toMatchObject({
        ok: false,
        code: "RAISED_IT",
      });
    }
    expect(decideApproval({ rfc: { ...smApproved, raisedById: "ravi" }, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "RAISED_IT",
    });
    expect(keysOpenTo(raisedByRavi, "ravi", ["RELIABILITY_ENGINEER", "SERVICE_MASTER"])).toEqual([]);
    // A change raised by a machine (no person) is decided as before.
    expect(decideApproval({ rfc: { ...pending, raisedById: null }, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({ ok: true });
  });
  it("a key is turned once", () => {
    expect(decideApproval({ rfc: smApproved, userId: "sara", held: ["SERVICE_MASTER"], decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "KEY_ALREADY_TURNED",
    });
  });
  it("either key may reject, with a reason; the rejection ends the request", () => {
    expect(decideApproval({ rfc: smApproved, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "REJECT" })).toMatchObject({
      ok: false,
      code: "REASON_REQUIRED",
    });
    expect(
      decideApproval({ rfc: smApproved, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "REJECT", reason: "No rollback plan" }),
    ).toMatchObject({ ok: true, outcome: "REJECTED" });
  });
  it("nothing can be approved after a rejection or a final decision", () => {
    const rejected: RfcForApproval = { status: "REJECTED", approvals: [{ role: "SERVICE_MASTER", userId: "sven", decision: "REJECT" }], raisedById: "rita" };
    expect(decideApproval({ rfc: rejected, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "NOT_PENDING",
    });
    const halfRejected: RfcForApproval = { status: "PENDING", approvals: [{ role: "SERVICE_MASTER", userId: "sven", decision: "REJECT" }], raisedById: "rita" };
    expect(decideApproval({ rfc: halfRejected, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "NOT_PENDING",
    });
    expect(decideApproval({ rfc: { ...smApproved, status: "APPROVED" }, userId: "ravi", held: ["RELIABILITY_ENGINEER"], decision: "APPROVE" })).toMatchObject({
      ok: false,
      code: "NOT_PENDING",
    });
  });
});

describe("who holds a key", () => {
  const person = (roles: ("SERVICE_MASTER" | "RELIABILITY_ENGINEER" | "DEVELOPER")[]): Actor => ({
    kind: "user",
    userId: "u",
    name: "U",
    isAdmin: false,
    memberships: roles.map((role) => ({ teamId: "t", role })),
  });
  it("follows the permission matrix in the service's team; tokens hold none", () => {
    expect(keysHeld(person(["SERVICE_MASTER"]), { teamId: "t" })).toEqual(["SERVICE_MASTER"]);
    expect(keysHeld(person(["RELIABILITY_ENGINEER"]), { teamId: "t" })).toEqual(["RELIABILITY_ENGINEER"]);
    expect(keysHeld(person(["DEVELOPER"]), { teamId: "t" })).toEqual([]);
    expect(keysHeld(person(["SERVICE_MASTER"]), { teamId: "other" })).toEqual([]);
    const token: Actor = { kind: "token", tokenId: "k", serviceId: "s", display: false, scopes: ["rfc.approveAsServiceMaster"] };
    expect(keysHeld(token, { teamId: "t", serviceId: "s" })).toEqual([]);
  });
  it("admin is not a role in the team: an admin holds a key only through a role in the service's team (issue 9.3)", () => {
    const admin = (roles: ("SERVICE_MASTER" | "DEVELOPER")[]): Actor => ({
      kind: "user",
      userId: "root",
      name: "Root",
      isAdmin: true,
      memberships: roles.map((role) => ({ teamId: "t", role })),
    });
    expect(keysHeld(admin([]), { teamId: "t", serviceId: "s" })).toEqual([]);
    expect(keysHeld(admin(["DEVELOPER"]), { teamId: "t" })).toEqual([]);
    expect(keysHeld(admin(["SERVICE_MASTER"]), { teamId: "t" })).toEqual(["SERVICE_MASTER"]);
    expect(keysHeld(admin(["SERVICE_MASTER"]), { global: true })).toEqual([]);
  });
  it("offers only the keys that could be turned now", () => {
    expect(keysOpenTo(smApproved, "sven", ["SERVICE_MASTER", "RELIABILITY_ENGINEER"])).toEqual([]);
    expect(keysOpenTo(smApproved, "ravi", ["RELIABILITY_ENGINEER"])).toEqual(["RELIABILITY_ENGINEER"]);
    expect(keysOpenTo(pending, "both", ["SERVICE_MASTER", "RELIABILITY_ENGINEER"])).toEqual(["SERVICE_MASTER", "RELIABILITY_ENGINEER"]);
  });
});

describe("waiting too long", () => {
  const now = new Date("2026-11-27T12:00:00Z");
  it("is a pending request older than 48 hours", () => {
    expect(isWaitingTooLong({ status: "PENDING", createdAt: new Date("2026-11-25T11:59:00Z") }, now)).toBe(true);
    expect(isWaitingTooLong({ status: "PENDING", createdAt: new Date("2026-11-25T12:01:00Z") }, now)).toBe(false);
    expect(isWaitingTooLong({ status: "APPROVED", createdAt: new Date("2026-11-01T00:00:00Z") }, now)).toBe(false);
  });
});
