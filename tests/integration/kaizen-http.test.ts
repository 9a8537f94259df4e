// The Kaizen API as a client (a monitoring tool, the problem sheet) sees it: real route handlers
// and session cookies; bad input answers a 4xx naming the field, in the OpenAPI document's shape,
// and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { addWeeks, isoWeekStart } from "@/domain/kaizen/weeks";
import * as kaizen from "@/lib/openapi/kaizen-operations";
import { db } from "@/server/db";
import { POST as openProblemRoute } from "@/app/api/v1/services/[serviceId]/problems/route";
import { PATCH as updateProblemRoute } from "@/app/api/v1/problems/[problemId]/route";
import { PUT as kpiRoute } from "@/app/api/v1/problems/[problemId]/kpi-values/route";
import { POST as pdcaRoute } from "@/app/api/v1/problems/[problemId]/pdca/route";
import { createService } from "@/server/services/services/create-service";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, expectContract, sessionCookie } from "../support/http";

let cookie: string;
let serviceId: string;
let problemId: string;

const day = (d: Date) => d.toISOString().slice(0, 10);
const written = async () => ({
  problem: await db.problem.findUniqueOrThrow({ where: { id: problemId } }),
  kpi: await db.kpiValue.count({ where: { problemId } }),
  events: await db.event.count({ where: { serviceId } }),
});

beforeAll(async () => {
  const teamId = (await makeTeam()).id;
  const { user, actor } = await makeUser({ teamId, roles: ["PROCESS_MASTER", "SERVICE_MASTER"] });
  cookie = await sessionCookie(user.id);
  serviceId = (await createService(actor, { teamId, key: `kh-${uid()}`, name: "Kaizen over HTTP", stages: [{ key: "dev", name: "Development" }] })).id;
  const res = await call(openProblemRoute, "POST", kaizen.openProblem.path, { cookie, params: { serviceId }, body: { title: "Deploys wait a day" } });
  expect(res.status).toBe(201);
  problemId = res.body.id;
  const kpi = { name: "Hours to production", unit: "h", higherIsBetter: false, target: 4 };
  expect((await call(updateProblemRoute, "PATCH", kaizen.updateProblem.path, { cookie, params: { problemId }, body: { version: 1, kpi } })).status).toBe(200);
});

describe("Kaizen API bad input", () => {
  it("a KPI value that is not a number, or a week in the future: 400 naming the field, nothing written", async () => {
    const before = await written();
    const notNumber = await call(kpiRoute, "PUT", kaizen.recordKpiValue.path, { cookie, params: { problemId }, body: { week: day(new Date()), value: "3,5" } });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.error.details.issues).toEqual([expect.objectContaining({ path: "value", message: "Must be a number" })]);
    expectContract(kaizen.recordKpiValue, 400, notNumber.body);

    const future = await call(kpiRoute, "PUT", kaizen.recordKpiValue.path, { cookie, params: { problemId }, body: { week: day(addWeeks(isoWeekStart(new Date()), 1)), value: 3 } });
    expect(future.status).toBeGreaterThanOrEqual(400);
    expect(future.status).toBeLessThan(500);
    expect(future.body.error.details.issues[0].path).toBe("week");
    expect(await written()).toEqual(before);
  });

  it("empty and over-long texts: 400 naming the field; a stale version: 409; nothing written", async () => {
    const before = await written();
    const empty = await call(updateProblemRoute, "PATCH", kaizen.updateProblem.path, { cookie, params: { problemId }, body: { version: before.problem.version, whys: ["  "] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.issues[0]).toMatchObject({ path: "whys.0", message: "A why cannot be empty" });
    const long = await call(updateProblemRoute, "PATCH", kaizen.updateProblem.path, { cookie, params: { problemId }, body: { version: before.problem.version, hypothesis: "x".repeat(2001) } });
    expect(long.status).toBe(400);
    expect(long.body.error.details.issues[0].path).toBe("hypothesis");
    const stale = await call(pdcaRoute, "POST", kaizen.movePdca.path, { cookie, params: { problemId }, body: { version: before.problem.version - 1, to: "DO" } });
    expect(stale.status).toBe(409);
    expectContract(kaizen.movePdca, 409, stale.body);
    expect(await written()).toEqual(before);
  });
});
