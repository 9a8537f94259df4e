// DORA's inputs through the real write path (route handlers → services → database, SQLite and
// PostgreSQL): deployments from the pipeline API and Apache DevLake's webhook payloads, incidents
// from the API and DevLake, linked to the deployment that caused them by id, by commit SHA and by
// time window; idempotent deliveries; malformed payloads refused with the field named and nothing
// written; then the four keys and the rework rate against numbers worked out by hand.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/domain/permissions";
import { devlakeCloseIssue, devlakeDeployment, devlakeIssue, reportIncident, reportServiceDeployment, resolveIncident } from "@/lib/openapi/delivery-operations";
import { reportDeployment as reportDeploymentOp } from "@/lib/openapi/release-operations";
import { db } from "@/server/db";
import { getServiceMetrics } from "@/server/services/metrics/get-service-metrics";
import { createRelease } from "@/server/services/releases/create-release";
import { createService } from "@/server/services/services/create-service";
import { createAccessToken } from "@/server/services/tokens/create-access-token";
import { POST as serviceDeploymentRoute } from "@/app/api/v1/pipeline/services/[serviceId]/deployments/route";
import { POST as releaseDeploymentRoute } from "@/app/api/v1/pipeline/releases/[releaseId]/deployments/route";
import { POST as incidentRoute } from "@/app/api/v1/services/[serviceId]/incidents/route";
import { POST as resolveRoute } from "@/app/api/v1/incidents/[incidentId]/resolve/route";
import { POST as devlakeDeploymentRoute } from "@/app/api/v1/services/[serviceId]/devlake/deployments/route";
import { POST as devlakeIssueRoute } from "@/app/api/v1/services/[serviceId]/devlake/issues/route";
import { POST as devlakeCloseRoute } from "@/app/api/v1/services/[serviceId]/devlake/issue/[issueKey]/close/route";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract } from "../support/http";

// Monday 5 October 2026; the period is that week, [T0, T0 + 7 days).
const T0 = Date.UTC(2026, 9, 5);
const H = 3_600_000;
const at = (hours: number) => new Date(T0 + hours * H).toISOString();
const PERIOD = { from: "2026-10-05", to: "2026-10-11" };
const SHA = { a: "aaaa111aaaa111aaaa111aaaa111aaaa111aaaa1", b: "bbbb222bbbb222bbbb222bbbb222bbbb222bbbb2", c: "cccc333", d: "dddd444", e: "eeee555" };

let master: Actor;
let serviceId: string;
let releaseId: string;
let auth: Record<string, string>;
const ids = {} as Record<"d1" | "d2" | "d3" | "d4" | "d6" | "inc1" | "inc2" | "inc3" | "inc4", string>;

async function counts() {
  const [deployments, incidents, events, resolved] = await Promise.all([
    db.deployment.count({ where: { serviceId } }),
    db.incident.count({ where: { serviceId } }),
    db.event.count({ where: { serviceId } }),
    db.incident.count({ where: { serviceId, resolvedAt: { not: null } } }),
  ]);
  return { deployments, incidents, events, resolved };
}

const post = (handler: unknown, path: string, params: Record<string, string>, body?: unknown) =>
  call(handler, "POST", path, { params, body, headers: auth, origin: null });

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  master = (await makeUser({ teamId, roles: ["SERVICE_MASTER"] })).actor;
  const s = await createService(master, { teamId, key: `dora-${uid()}`, name: "Checkout", stages: [{ key: "dev", name: "Development" }, { key: "ops", name: "Operations" }] });
  serviceId = s.id;
  releaseId = (await createRelease(master, serviceId, { name: "3.0" })).id;
  const { secret } = await createAccessToken(master, serviceId, { kind: "API", name: "CI", scopes: ["deployment.report", "incident.report"] });
  auth = { authorization: `Bearer ${secret}` };
});

describe("deployments and incidents in, DORA out", () => {
  it("records deployments from the service API, a release and DevLake, with commit, first commit time, environment and result", async () => {
    // D1: 2 h from first commit to production.
    let res = await post(serviceDeploymentRoute, reportServiceDeployment.path, { serviceId }, {
      environment: "production", result: "SUCCESS", startedAt: at(9.9), finishedAt: at(10), commitSha: SHA.a, firstCommitAt: at(8), externalId: "ci-1",
    });
    expect(res.status).toBe(201);
    expectContract(reportServiceDeployment, 201, res.body);
    expect(res.body).toMatchObject({ commitSha: SHA.a, firstCommitAt: at(8), releaseId: null, externalKey: "api:ci-1", duplicate: false });
    ids.d1 = res.body.id;
    // D2 from DevLake: 10 h (commitAuthoredDate is our extension of its payload).
    res = await post(devlakeDeploymentRoute, devlakeDeployment.path, { serviceId }, {
      id: "run-2", result: "SUCCESS", environment: "PRODUCTION", startedDate: at(33.5), finishedDate: at(34),
      deploymentCommits: [{ repoUrl: "https://git.example/checkout", commitSha: SHA.b, commitAuthoredDate: at(24) }],
    });
    expect(res.status).toBe(200);
    expectContract(devlakeDeployment, 200, res.body);
    expect(res.body).toMatchObject({ recorded: "deployment", duplicate: false });
    ids.d2 = res.body.id;
    // D3 of a release: 48 h.
    res = await post(releaseDeploymentRoute, reportDeploymentOp.path, { releaseId }, {
      environment: "production", result: "SUCCESS", startedAt: at(57.8), finishedAt: at(58), commitSha: SHA.c, firstCommitAt: at(10),
    });
    expect(res.status).toBe(201);
    expectContract(reportDeploymentOp, 201, res.body);
    ids.d3 = res.body.id;
    // D4 failed (its commit time does not count: lead time is measured on changes that reached production).
    res = await post(serviceDeploymentRoute, reportServiceDeployment.path, { serviceId }, {
      environment: "production", result: "FAILURE", startedAt: at(79.5), finishedAt: at(80), commitSha: SHA.d, firstCommitAt: at(79),
    });
    ids.d4 = res.body.id;
    // D5 to staging: kept, not counted.
    res = await post(devlakeDeploymentRoute, devlakeDeployment.path, { serviceId }, {
      id: "run-5", environment: "STAGING", startedDate: at(89), finishedDate: at(90), deploymentCommits: [{ repoUrl: "https://git.example/checkout", commitSha: SHA.e }],
    });
    expect(res.status).toBe(200);
    const d5 = await db.deployment.findUniqueOrThrow({ where: { id: res.body.id }, select: { environment: true, result: true, firstCommitAt: true } });
    expect(d5).toEqual({ environment: "staging", result: "SUCCESS", firstCommitAt: null }); // DevLake's defaults: result SUCCESS
  });

  it("the same delivery twice records one deployment, and nothing else", async () => {
    const before = await counts();
    const again = await post(devlakeDeploymentRoute, devlakeDeployment.path, { serviceId }, {
      id: "run-2", result: "FAILURE", startedDate: at(33.5), finishedDate: at(34), deploymentCommits: [{ repoUrl: "https://git.example/checkout", commitSha: SHA.b }],
    });
    expect(again.body).toEqual({ recorded: "deployment", id: ids.d2, duplicate: true, note: null });
    const api = await post(serviceDeploymentRoute, reportServiceDeployment.path, { serviceId }, {
      environment: "production", result: "SUCCESS", startedAt: at(9.9), finishedAt: at(10), externalId: "ci-1",
    });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ id: ids.d1, duplicate: true, commitSha: SHA.a });
    expect(await counts()).toEqual(before);
    // The first delivery stands.
    expect((await db.deployment.findUniqueOrThrow({ where: { id: ids.d2 } })).result).toBe("SUCCESS");
  });

  it("links incidents by commit SHA, by time window (fallback), and by the deployment named", async () => {
    // INC-1: the short SHA of D2's commit → D2, though D1 is the other production deployment that day.
    let res = await post(incidentRoute, reportIncident.path, { serviceId }, {
      key: "INC-1", title: "Payments time out", severity: "SEV2", openedAt: at(36), commitSha: SHA.b.slice(0, 7),
    });
    expect(res.status).toBe(201);
    expectContract(reportIncident, 201, res.body);
    expect(res.body).toMatchObject({ key: "INC-1", causedByDeploymentId: ids.d2, causeLink: "COMMIT", resolvedAt: null, version: 1, source: "API" });
    ids.inc1 = res.body.id;
    // INC-2 from DevLake, no cause said: the last production deployment within 24 h before it is D3 (58 h).
    res = await post(devlakeIssueRoute, devlakeIssue.path, { serviceId }, {
      issueKey: "INC-2", title: "Cart empty after login", type: "INCIDENT", status: "TODO", originalStatus: "open", createdDate: at(60), severity: "SEV1",
    });
    expect(res.status).toBe(200);
    expectContract(devlakeIssue, 200, res.body);
    ids.inc2 = res.body.id;
    expect(await db.incident.findUniqueOrThrow({ where: { id: ids.inc2 } })).toMatchObject({ causedByDeploymentId: ids.d3, causeLink: "TIME_WINDOW", source: "DEVLAKE", severity: "SEV1", resolvedAt: null });
    // INC-4 from DevLake naming DevLake's deployment id (our extension): D2 again.
    res = await post(devlakeIssueRoute, devlakeIssue.path, { serviceId }, {
      issueKey: "INC-4", title: "Receipts missing", type: "INCIDENT", status: "DONE", createdDate: at(40), resolutionDate: at(44), deploymentId: "run-2",
    });
    ids.inc4 = res.body.id;
    expect(await db.incident.findUniqueOrThrow({ where: { id: ids.inc4 } })).toMatchObject({ causedByDeploymentId: ids.d2, causeLink: "DEPLOYMENT", resolvedAt: new Date(at(44)) });
    // D6: an unplanned deployment made because of INC-1 (rework), 4 h from its first commit.
    res = await post(serviceDeploymentRoute, reportServiceDeployment.path, { serviceId }, {
      environment: "prod", result: "SUCCESS", startedAt: at(99.5), finishedAt: at(100), commitSha: SHA.e, firstCommitAt: at(96), externalId: "ci-6", fixesIncident: "INC-1",
    });
    expect(res.body).toMatchObject({ reworkForIncidentId: ids.inc1 });
    ids.d6 = res.body.id;
    // INC-3 names D6 by the pipeline's externalId.
    res = await post(incidentRoute, reportIncident.path, { serviceId }, { key: "INC-3", title: "Slow search", openedAt: at(101), deploymentId: "ci-6" });
    expect(res.body).toMatchObject({ causedByDeploymentId: ids.d6, causeLink: "DEPLOYMENT" });
    ids.inc3 = res.body.id;
    // Nothing in production within 24 h before it, no SHA: no cause is made up.
    res = await post(incidentRoute, reportIncident.path, { serviceId }, { key: "INC-0", title: "Before anything", openedAt: at(-30), resolvedAt: at(-29) });
    expect(res.body).toMatchObject({ causedByDeploymentId: null, causeLink: null });
  });

  it("resolves incidents (API, DevLake repeat with DONE, DevLake close), each once", async () => {
    let res = await post(resolveRoute, resolveIncident.path, { incidentId: ids.inc1 }, { resolvedAt: at(38), expectedVersion: 1 });
    expect(res.status).toBe(200);
    expectContract(resolveIncident, 200, res.body);
    expect(res.body).toMatchObject({ resolvedAt: at(38), version: 2, duplicate: false });
    // A stale version is a 409 with the current state; a second resolve changes nothing.
    const stale = await post(resolveRoute, resolveIncident.path, { incidentId: ids.inc3 }, { expectedVersion: 7 });
    expect(stale.status).toBe(409);
    const before = await counts();
    res = await post(resolveRoute, resolveIncident.path, { incidentId: ids.inc1 }, { resolvedAt: at(50) });
    expect(res.body).toMatchObject({ resolvedAt: at(38), duplicate: true });
    expect(await counts()).toEqual(before);
    res = await post(resolveRoute, resolveIncident.path, { incidentId: ids.inc3 }, { resolvedAt: at(102) });
    expect(res.body.resolvedAt).toBe(at(102));
    // DevLake posts the same issue again, now DONE: the same incident, resolved.
    res = await post(devlakeIssueRoute, devlakeIssue.path, { serviceId }, {
      issueKey: "INC-2", title: "Cart empty after login", type: "INCIDENT", status: "DONE", createdDate: at(60), resolutionDate: at(66),
    });
    expect(res.body).toEqual({ recorded: "incident", id: ids.inc2, duplicate: false, note: null });
    // DevLake's close call on an incident of its own, twice.
    await post(devlakeIssueRoute, devlakeIssue.path, { serviceId }, { issueKey: "OUT-9", title: "Outside the period", type: "INCIDENT", createdDate: at(-100) });
    res = await post(devlakeCloseRoute, devlakeCloseIssue.path, { serviceId, issueKey: "OUT-9" });
    expect(res.status).toBe(200);
    expectContract(devlakeCloseIssue, 200, res.body);
    expect(res.body.duplicate).toBe(false);
    res = await post(devlakeCloseRoute, devlakeCloseIssue.path, { serviceId, issueKey: "OUT-9" });
    expect(res.body.duplicate).toBe(true);
    const missing = await post(devlakeCloseRoute, devlakeCloseIssue.path, { serviceId, issueKey: "NOPE-1" });
    expect(missing.status).toBe(404);
    // The events say what happened, with the ids the metrics name.
    const events = await db.event.findMany({ where: { serviceId, type: { in: ["incident.opened", "incident.resolved"] } }, select: { type: true, payload: true } });
    expect(events.filter((e) => e.type === "incident.opened")).toHaveLength(6);
    expect(events.filter((e) => e.type === "incident.resolved").map((e) => (e.payload as { key: string }).key).sort()).toEqual(["INC-0", "INC-1", "INC-2", "INC-3", "INC-4", "OUT-9"]);
  });

  it("acknowledges a DevLake issue that is not an incident and writes nothing", async () => {
    const before = await counts();
    const res = await post(devlakeIssueRoute, devlakeIssue.path, { serviceId }, { issueKey: "BUG-1", title: "Typo", type: "BUG", createdDate: at(1) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ recorded: "nothing", id: null });
    expect(await counts()).toEqual(before);
  });

  it("refuses malformed payloads with a 400 naming the field, and writes nothing", async () => {
    const before = await counts();
    const bad: [unknown, string, unknown, string][] = [
      [devlakeDeploymentRoute, devlakeDeployment.path, { startedDate: at(1), finishedDate: at(2), deploymentCommits: [{ repoUrl: "r", commitSha: SHA.a }] }, "id"],
      [devlakeDeploymentRoute, devlakeDeployment.path, { id: "x1", startedDate: at(1), finishedDate: at(2), deploymentCommits: [] }, "deploymentCommits"],
      [devlakeDeploymentRoute, devlakeDeployment.path, { id: "x2", startedDate: at(1), finishedDate: at(2), deploymentCommits: [{ repoUrl: "r", commitSha: "not-a-sha" }] }, "deploymentCommits.0.commitSha"],
      [devlakeDeploymentRoute, devlakeDeployment.path, { id: "x3", startedDate: "yesterday", finishedDate: at(2), deploymentCommits: [{ repoUrl: "r", commitSha: SHA.a }] }, "startedDate"],
      [devlakeDeploymentRoute, devlakeDeployment.path, { id: "x4", environment: "MARS", startedDate: at(1), finishedDate: at(2), deploymentCommits: [{ repoUrl: "r", commitSha: SHA.a }] }, "environment"],
      [devlakeIssueRoute, devlakeIssue.path, { title: "No key", type: "INCIDENT", createdDate: at(1) }, "issueKey"],
      [devlakeIssueRoute, devlakeIssue.path, { issueKey: "INC-9", title: "No date", type: "INCIDENT" }, "createdDate"],
      [devlakeIssueRoute, devlakeIssue.path, { issueKey: "INC-9", title: "Bad cause", type: "INCIDENT", createdDate: at(1), deploymentId: "run-404" }, "deploymentId"],
      [incidentRoute, reportIncident.path, { key: "INC-9", title: "Unknown deployment", openedAt: at(1), deploymentId: "nope" }, "deploymentId"],
      [incidentRoute, reportIncident.path, { key: "INC-9", title: "Backwards", openedAt: at(5), resolvedAt: at(1) }, "resolvedAt"],
      [incidentRoute, reportIncident.path, { key: "INC-9", openedAt: at(5) }, "title"],
      [serviceDeploymentRoute, reportServiceDeployment.path, { environment: "production", result: "SUCCESS", startedAt: at(1), finishedAt: at(2), fixesIncident: "INC-404" }, "fixesIncident"],
      [serviceDeploymentRoute, reportServiceDeployment.path, { environment: "production", result: "SUCCESS", startedAt: at(1), finishedAt: at(2), firstCommitAt: at(3) }, "firstCommitAt"],
      [serviceDeploymentRoute, reportServiceDeployment.path, { environment: "production", result: "DONE", startedAt: at(1), finishedAt: at(2) }, "result"],
    ];
    const wrong: string[] = [];
    for (const [handler, path, body, field] of bad) {
      const res = await post(handler, path, { serviceId }, body);
      const fields = (res.body?.error?.details?.issues ?? []).map((i: { path: string }) => i.path);
      if (res.status !== 400 || !fields.includes(field)) wrong.push(`${path} ${JSON.stringify(body)} → ${res.status} ${JSON.stringify(fields)} (expected 400 naming ${field})`);
      else if (!String(res.body.error.message).length) wrong.push(`${path}: no message`);
    }
    const resolveBackwards = await post(resolveRoute, resolveIncident.path, { incidentId: (await db.incident.create({ data: { serviceId, key: `T-${uid()}`, title: "t", source: "API", openedAt: new Date(at(10)) } })).id }, { resolvedAt: at(1) });
    expect(resolveBackwards.status).toBe(400);
    expect(resolveBackwards.body.error.details.issues[0].path).toBe("resolvedAt");
    expect(wrong).toEqual([]);
    const after = await counts();
    expect({ ...after, incidents: after.incidents - 1 }).toEqual(before); // the one made directly above for the resolve case
  });

  it("computes the four keys and the rework rate from these, as worked out by hand", async () => {
    const m = await getServiceMetrics(master, serviceId, PERIOD);
    const d = m.dora;
    // Production: D1, D2, D3, D4 (failed), D6 = 5; staging D5 left out. 4 successful in 7 days = 0.571/day: high.
    expect(d.deployments).toBe(5);
    expect(d.successfulDeployments).toBe(4);
    expect(d.deploymentFrequency.perDay).toBeCloseTo(4 / 7, 10);
    expect(d.deploymentFrequency.tier).toBe("high");
    // Lead times of the successful ones: D1 2 h, D2 10 h, D3 48 h, D6 4 h → [2, 4, 10, 48]; nearest rank: p50 = 4 h, p85 = 48 h; < 1 day: elite.
    expect(d.leadTimeForChanges).toMatchObject({ median: 4 * H, p85: 48 * H, changes: 4, tier: "elite", noData: null });
    expect([...d.leadTimeForChanges.deploymentIds].sort()).toEqual([ids.d1, ids.d2, ids.d3, ids.d6].sort());
    // Change failures per deployment: D4 failed; D2 caused INC-1 and INC-4 (counted once); D3 caused INC-2; D6 caused INC-3 → 4 of 5 = 80 %: nearest cluster 40 %, low.
    expect(d.changeFailureRate).toMatchObject({ percent: 80, failed: 4, tier: "low", noData: null });
    expect([...d.changeFailureRate.failedDeploymentIds].sort()).toEqual([ids.d2, ids.d3, ids.d4, ids.d6].sort());
    // Recovery of the incidents resolved in the period: INC-1 2 h, INC-2 6 h, INC-3 1 h, INC-4 4 h → [1, 2, 4, 6]: p50 2 h, p85 6 h; < 1 day: high.
    // (INC-0 and OUT-9 were resolved outside it.)
    expect(d.recoveryTime).toMatchObject({ median: 2 * H, p85: 6 * H, incidents: 4, tier: "high", noData: null });
    expect([...d.recoveryTime.incidentIds].sort()).toEqual([ids.inc1, ids.inc2, ids.inc3, ids.inc4].sort());
    // Rework: D6 was made because of INC-1 → 1 of 5 = 20 %.
    expect(d.reworkRate).toMatchObject({ percent: 20, rework: 1, deploymentIds: [ids.d6], noData: null });
    // Traceable: every deployment and incident behind the numbers, with what it counted as.
    expect(d.deploymentList.map((x) => x.id)).toEqual([ids.d6, ids.d4, ids.d3, ids.d2, ids.d1]);
    expect(d.deploymentList.find((x) => x.id === ids.d3)).toMatchObject({ leadTime: 48 * H, failed: true, commitSha: SHA.c });
    expect(d.incidentList.find((i) => i.id === ids.inc2)).toMatchObject({ key: "INC-2", recovery: 6 * H, causedByDeploymentId: ids.d3, causeLink: "TIME_WINDOW" });
    const events = await db.event.findMany({ where: { serviceId, type: "deployment.reported" }, select: { payload: true } });
    expect(events.map((e) => (e.payload as { deploymentId: string }).deploymentId)).toEqual(expect.arrayContaining(d.deploymentList.map((x) => x.id)));
  });
});
