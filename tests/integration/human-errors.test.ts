// Error texts speak to people (issue 9.15), through the real route handlers: a 400 says
// "Title is required" and "Evidence line 2 is not a link" (lines counted from 1), and keeps
// the machine-readable issues (dotted path counted from 0, zod code) for forms and clients.
import { beforeAll, describe, expect, it } from "vitest";
import * as ops from "@/lib/openapi/operations";
import * as releaseOps from "@/lib/openapi/release-operations";
import { POST as createItemRoute } from "@/app/api/v1/services/[serviceId]/items/route";
import { POST as servicesPost } from "@/app/api/v1/services/route";
import { POST as decisionsPost } from "@/app/api/v1/releases/[releaseId]/decisions/route";
import { db } from "@/server/db";
import { createService } from "@/server/services/services/create-service";
import { makeTeam, makeUser, uid } from "../support/factories";
import { call, sessionCookie } from "../support/http";

let cookie: string;
let serviceId: string;
let teamId: string;

beforeAll(async () => {
  teamId = (await makeTeam()).id;
  const { user, actor } = await makeUser({ teamId, roles: ["SERVICE_MASTER", "GATEKEEPER"] });
  cookie = await sessionCookie(user.id);
  serviceId = (await createService(actor, { teamId, key: `he-${uid()}`, name: "Human errors" })).id;
});

describe("400 answers in words", () => {
  it("an empty title: 'Title is required', with the field's path and code, and nothing written", async () => {
    const before = await db.workItem.count({ where: { serviceId } });
    const res = await call(createItemRoute, "POST", ops.createItem.path, { cookie, params: { serviceId }, body: { title: "" } });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: "VALIDATION_FAILED",
      message: "Title is required.",
      details: { issues: [{ path: "title", code: "too_small", message: "Title is required" }] },
    });
    expect(await db.workItem.count({ where: { serviceId } })).toBe(before);
  });

  it("a bad evidence link: 'Evidence line 2 is not a link' (path evidence.1)", async () => {
    const res = await call(decisionsPost, "POST", releaseOps.recordGateDecision.path, {
      cookie,
      params: { releaseId: "no-such-release" },
      body: { outcome: "GO", assessments: [], evidence: ["https://ci.example.test/1", "see the pipeline"], supersedesId: null },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Evidence line 2 is not a link.");
    expect(res.body.error.details.issues).toEqual([{ path: "evidence.1", code: "invalid_format", message: "Evidence line 2 is not a link" }]);
  });

  it("a new service with a bad key and an unnamed stage names both in words", async () => {
    const res = await call(servicesPost, "POST", ops.createService.path, {
      cookie,
      body: { teamId, key: "Mobile App", name: "Mobile", stages: [{ key: "plan", name: "Plan" }, { key: "do", name: " " }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Use lowercase letters, digits and single dashes only. Stage 2 name is required.");
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(["key", "stages.1.name"]);
  });
});
