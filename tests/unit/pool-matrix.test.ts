import { describe, expect, it } from "vitest";
import { isSpreadTooThin, poolMatrix, SPREAD_LIMIT, type MatrixInput } from "@/domain/pool-matrix";

const team = (id: string, sm = `SM ${id}`) => ({ id, name: `Team ${id}`, serviceMasters: [sm] });
const service = (id: string, teamId: string) => ({ id, key: id, name: `Service ${id}`, teamId });

function input(over: Partial<MatrixInput> = {}): MatrixInput {
  return {
    services: [service("s1", "t1"), service("s2", "t2"), service("s3", "t3"), service("s4", "t4")],
    teams: [team("t1"), team("t2"), team("t3"), team("t4")],
    pools: [{ id: "p", name: "Testing pool", discipline: "testing", members: [{ userId: "pia", name: "Pia", roles: ["DEVELOPER"] }] }],
    assignments: ["t1", "t2", "t3"].map((t) => ({ poolTeamId: "p", deliveryTeamId: t })),
    members: [],
    ...over,
  };
}

describe("spread over too many teams", () => {
  it("is more than three teams, not three", () => {
    expect(SPREAD_LIMIT).toBe(3);
    expect(isSpreadTooThin(3)).toBe(false);
    expect(isSpreadTooThin(4)).toBe(true);
    expect(isSpreadTooThin(2, 1)).toBe(true);
  });

  it("counts a team once whether the person is a member, works there through a pool, or both", () => {
    // Pia's pool serves t1–t3; she is also a member of t1 (counted once) and of t4: four teams.
    const m = poolMatrix(input({ members: [{ userId: "pia", name: "Pia", teamId: "t1" }, { userId: "pia", name: "Pia", teamId: "t4" }] }));
    expect(m.pools[0]!.members[0]).toMatchObject({ teamCount: 4, spread: true, serviceIds: ["s1", "s2", "s3", "s4"] });
    expect(m.spread).toEqual([{ userId: "pia", name: "Pia", teamCount: 4, teamNames: ["Team t1", "Team t2", "Team t3", "Team t4"], poolNames: ["Testing pool"] }]);
    // Without t4 she works for three teams: not spread.
    const three = poolMatrix(input({ members: [{ userId: "pia", name: "Pia", teamId: "t1" }] }));
    expect(three.pools[0]!.members[0]).toMatchObject({ teamCount: 3, spread: false });
    expect(three.spread).toEqual([]);
  });

  it("flags people outside pools too, when they sit in too many teams directly", () => {
    const m = poolMatrix(input({ members: ["t1", "t2", "t3", "t4"].map((teamId) => ({ userId: "max", name: "Max", teamId })) }));
    expect(m.spread.map((s) => [s.name, s.teamCount, s.poolNames])).toEqual([["Max", 4, []]]);
  });
});

describe("the matrix shows only what the person sees", () => {
  it("leaves out unseen services, their teams in the counts, and pools serving none of the seen teams", () => {
    // The person sees t1 and t2 only; Pia's pool also serves t3 and t4 (unseen); pool q serves t3 only.
    const m = poolMatrix(
      input({
        services: [service("s1", "t1"), service("s2", "t2")],
        teams: [team("t1"), team("t2")],
        pools: [...input().pools, { id: "q", name: "Ops pool", discipline: "operations", members: [{ userId: "olga", name: "Olga", roles: ["OPERATIONS"] }] }],
        assignments: [...["t1", "t2", "t3", "t4"].map((t) => ({ poolTeamId: "p", deliveryTeamId: t })), { poolTeamId: "q", deliveryTeamId: "t3" }],
        members: [{ userId: "pia", name: "Pia", teamId: "t4" }],
      }),
    );
    expect(m.columns.map((c) => c.serviceId)).toEqual(["s1", "s2"]);
    expect(m.pools.map((p) => p.name)).toEqual(["Testing pool"]);
    expect(m.pools[0]!.teamIds).toEqual(["t1", "t2"]);
    expect(m.pools[0]!.members[0]).toMatchObject({ teamCount: 2, spread: false, serviceIds: ["s1", "s2"] });
    expect(JSON.stringify(m)).not.toMatch(/t3|t4|Olga|Ops pool/);
  });

  it("names each column's Service Masters and orders columns by team, then service", () => {
    const m = poolMatrix(input({ services: [service("b", "t2"), service("a", "t2"), service("z", "t1")], teams: [team("t2", "Sam"), team("t1", "Ann")] }));
    expect(m.columns.map((c) => [c.teamName, c.name, c.serviceMasters])).toEqual([
      ["Team t1", "Service z", ["Ann"]],
      ["Team t2", "Service a", ["Sam"]],
      ["Team t2", "Service b", ["Sam"]],
    ]);
  });
});
