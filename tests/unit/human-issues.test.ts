// Error texts speak to people (issue 9.15): zod's issues become sentences with the field's
// name and 1-based line numbers, the machine-readable path and code stay.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ZCreateItemRequest } from "@/lib/schemas/item";
import { ZRecordGateDecisionRequest } from "@/lib/schemas/release";
import { ZCreateServiceRequest } from "@/lib/schemas/service";
import { fieldLabel } from "@/lib/validation/field-labels";
import { messagesByField, parseForForm, summarise } from "@/lib/validation/human-issues";

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = parseForForm(schema, input);
  if (r.ok) throw new Error("expected a failure");
  return r.issues;
};

describe("field labels", () => {
  it("name fields as people do, list entries counted from 1", () => {
    expect(fieldLabel(["title"])).toBe("Title");
    expect(fieldLabel(["evidence", 1])).toBe("Evidence line 2");
    expect(fieldLabel(["stages", 2, "name"])).toBe("Stage 3 name");
    expect(fieldLabel(["stages", 0, "doneCriteria", 4])).toBe("Stage 1 done-criterion 5");
    expect(fieldLabel(["ageThresholdHours"])).toBe("Age threshold (hours)");
    expect(fieldLabel(["someNewField"])).toBe("Some new field");
    expect(fieldLabel([])).toBe("The request");
  });
});

describe("zod issues → sentences", () => {
  it("an empty title is 'Title is required', not zod's too_small text", () => {
    const issues = issuesOf(ZCreateItemRequest, { title: "   " });
    expect(issues).toEqual([{ path: "title", code: "too_small", message: "Title is required" }]);
  });

  it("a bad evidence link is named by its line, counted from 1", () => {
    const issues = issuesOf(ZRecordGateDecisionRequest, {
      outcome: "GO",
      assessments: [],
      evidence: ["https://ci.example.com/1", "not a link"],
    });
    expect(issues).toContainEqual({ path: "evidence.1", code: "invalid_format", message: "Evidence line 2 is not a link" });
  });

  it("too long, too big, wrong type, missing, not one of the choices", () => {
    const issues = issuesOf(ZCreateItemRequest, { title: "x".repeat(201), kind: "EPIC", businessValue: 2.5, costEstimate: -1 });
    expect(messagesByField(issues)).toEqual({
      title: "Title must be at most 200 characters long",
      kind: "Kind must be one of: FEATURE, RFC, MAINTENANCE, DEFECT, IMPROVEMENT",
      businessValue: "Business value must be a whole number",
      costEstimate: "Cost estimate must be at least 0",
    });
    expect(issuesOf(ZCreateItemRequest, {})).toEqual([{ path: "title", code: "invalid_type", message: "Title is required" }]);
    expect(issuesOf(ZCreateItemRequest, { title: 5 })[0]!.message).toBe("Title must be text");
    expect(issuesOf(ZCreateItemRequest, "nope")[0]).toEqual({ path: "", code: "invalid_type", message: "The request must be a JSON object" });
  });

  it("nested list fields, key format and list bounds", () => {
    const issues = issuesOf(ZCreateServiceRequest, {
      teamId: "t",
      key: "Bad Key",
      name: "S",
      stages: [{ key: "a", name: "A" }, { key: "b", name: "" }],
    });
    expect(messagesByField(issues)).toEqual({
      key: "Use lowercase letters, digits and single dashes only",
      "stages.1.name": "Stage 2 name is required",
    });
    expect(messagesByField(issuesOf(ZCreateServiceRequest, { teamId: "t", key: "ok-key", name: "S", stages: [] }))).toEqual({
      stages: "Stages needs at least one entry",
    });
  });

  it("a schema's own sentence (a refine) is kept as written", () => {
    const S = z.object({ a: z.string() }).refine(() => false, { message: "Name the item above or below.", path: ["a"] });
    expect(issuesOf(S, { a: "x" })).toEqual([{ path: "a", code: "custom", message: "Name the item above or below." }]);
  });

  it("the summary is one readable line", () => {
    expect(summarise([{ message: "Title is required" }, { message: "Evidence line 2 is not a link" }])).toBe(
      "Title is required. Evidence line 2 is not a link.",
    );
  });
});
