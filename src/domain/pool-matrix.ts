// The matrix organisation's view of the portfolio (issue 13.1): expert pools × services — who from
// which pool works for which Service Master's team — and who is spread over too many teams. Pure:
// the caller passes only what the person may see (the services of their teams), so the matrix,
// its counts included, never reveals a service, team or pool beyond them.

/** More delivery teams than this and a person is spread too thin (context switching eats the week). */
export const SPREAD_LIMIT = 3;

/** A person works for a team either as its member or through a pool assigned to it; each team counts once. */
export function isSpreadTooThin(teamCount: number, limit = SPREAD_LIMIT): boolean {
  return teamCount > limit;
}

export type MatrixInput = {
  /** The services the person may see, each with its delivery team. */
  services: ReadonlyArray<{ id: string; key: string; name: string; teamId: string }>;
  /** Those services' teams, with their Service Masters' names. */
  teams: ReadonlyArray<{ id: string; name: string; serviceMasters: readonly string[] }>;
  /** Pools assigned to at least one of those teams, with every member. */
  pools: ReadonlyArray<{ id: string; name: string; discipline: string | null; members: ReadonlyArray<{ userId: string; name: string; roles: readonly string[] }> }>;
  /** Pool → delivery team assignments (any; those to unseen teams are ignored). */
  assignments: ReadonlyArray<{ poolTeamId: string; deliveryTeamId: string }>;
  /** Direct memberships in those teams (any; those of unseen teams are ignored). */
  members: ReadonlyArray<{ userId: string; name: string; teamId: string }>;
};

export type MatrixPerson = { userId: string; name: string; roles: string[]; serviceIds: string[]; teamCount: number; spread: boolean };

export type PoolMatrix = {
  limit: number;
  columns: Array<{ serviceId: string; key: string; name: string; teamId: string; teamName: string; serviceMasters: string[] }>;
  pools: Array<{ id: string; name: string; discipline: string | null; teamIds: string[]; members: MatrixPerson[] }>;
  /** Everyone working for more than `limit` of the teams seen, pool members or not; most teams first. */
  spread: Array<{ userId: string; name: string; teamCount: number; teamNames: string[]; poolNames: string[] }>;
};

export function poolMatrix(input: MatrixInput, limit = SPREAD_LIMIT): PoolMatrix {
  const teamName = new Map(input.teams.map((t) => [t.id, t.name]));
  const seen = (teamId: string) => teamName.has(teamId);
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const columns = [...input.services]
    .filter((s) => seen(s.teamId))
    .map((s) => {
      const team = input.teams.find((t) => t.id === s.teamId)!;
      return { serviceId: s.id, key: s.key, name: s.name, teamId: s.teamId, teamName: team.name, serviceMasters: [...team.serviceMasters].sort() };
    })
    .sort((a, b) => a.teamName.localeCompare(b.teamName) || a.name.localeCompare(b.name));

  // Which of the seen teams each person works for, and through which pools.
  const teamsOf = new Map<string, Set<string>>();
  const poolsOf = new Map<string, Set<string>>();
  const nameOf = new Map<string, string>();
  const add = (userId: string, name: string, teamId: string) => {
    if (!seen(teamId)) return;
    nameOf.set(userId, name);
    const set = teamsOf.get(userId) ?? new Set<string>();
    set.add(teamId);
    teamsOf.set(userId, set);
  };
  for (const m of input.members) add(m.userId, m.name, m.teamId);
  const poolTeams = new Map<string, string[]>();
  for (const a of input.assignments) if (seen(a.deliveryTeamId)) poolTeams.set(a.poolTeamId, [...(poolTeams.get(a.poolTeamId) ?? []), a.deliveryTeamId]);
  const pools = input.pools.filter((p) => (poolTeams.get(p.id) ?? []).length > 0);
  for (const p of pools) {
    for (const m of p.members) {
      for (const t of poolTeams.get(p.id)!) add(m.userId, m.name, t);
      poolsOf.set(m.userId, (poolsOf.get(m.userId) ?? new Set<string>()).add(p.name));
    }
  }
  const teamCount = (userId: string) => teamsOf.get(userId)?.size ?? 0;

  return {
    limit,
    columns,
    pools: pools
      .map((p) => ({
        id: p.id,
        name: p.name,
        discipline: p.discipline,
        teamIds: [...new Set(poolTeams.get(p.id)!)].sort(),
        members: [...p.members].sort(byName).map((m) => {
          const teams = teamsOf.get(m.userId) ?? new Set<string>();
          return {
            userId: m.userId,
            name: m.name,
            roles: [...m.roles].sort(),
            serviceIds: columns.filter((c) => teams.has(c.teamId)).map((c) => c.serviceId),
            teamCount: teams.size,
            spread: isSpreadTooThin(teams.size, limit),
          };
        }),
      }))
      .sort(byName),
    spread: [...teamsOf.keys()]
      .filter((userId) => isSpreadTooThin(teamCount(userId), limit))
      .map((userId) => ({
        userId,
        name: nameOf.get(userId)!,
        teamCount: teamCount(userId),
        teamNames: [...teamsOf.get(userId)!].map((t) => teamName.get(t)!).sort(),
        poolNames: [...(poolsOf.get(userId) ?? [])].sort(),
      }))
      .sort((a, b) => b.teamCount - a.teamCount || a.name.localeCompare(b.name)),
  };
}
