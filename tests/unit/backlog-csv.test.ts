import { describe, expect, it } from "vitest";
import { parseBacklogCsv, toCsv } from "@/server/services/backlog/backlog-csv";

describe("parseBacklogCsv", () => {
  it("reads valid rows with defaults, labels split on ;, quoted values over several lines", () => {
    const csv = 'title,kind,labels,businessValue,costEstimate,description\nCheckout,,"a; b",10,2.5,\n"Two\nlines",defect,,,,"say ""hi"""\n';
    const { rows, errors } = parseBacklogCsv(csv);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      expect.objectContaining({ line: 2, title: "Checkout", kind: "FEATURE", labels: ["a", "b"], businessValue: 10, costEstimate: 2.5 }),
      expect.objectContaining({ line: 3, title: "Two\nlines", kind: "DEFECT", businessValue: null, description: 'say "hi"' }),
    ]);
  });
  it("names every bad row by the line it starts on, with everything wrong with it", () => {
    const csv = [
      "title,kind,businessValue",
      "Good,FEATURE,1",
      ",EPIC,-3", // line 3: empty title, unknown kind, negative value
      "Too,many,1,2", // line 4: four values
      'Bad "quote,FEATURE,1', // line 5: a quote inside an unquoted value
      "Fine,RFC,",
      "Half,FEATURE,1.5", // line 7: not a whole number
    ].join("\n");
    const { rows, errors } = parseBacklogCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([2, 6]);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 7]);
    expect(errors[0]!.problems).toEqual([
      "title is empty",
      expect.stringContaining("kind must be one of"),
      expect.stringContaining('businessValue "-3"'),
    ]);
    expect(errors[1]!.problems[0]).toMatch(/4 values, the header names 3/);
    expect(errors[3]!.problems[0]).toMatch(/businessValue "1.5"/);
  });
  it("refuses an unknown column or a header without title at line 1", () => {
    expect(parseBacklogCsv("name,kind\nA,FEATURE\n").errors).toEqual([
      { line: 1, problems: [expect.stringContaining("unknown column(s): name"), "the title column is missing"] },
    ]);
    expect(parseBacklogCsv("").errors[0]!.line).toBe(1);
  });
  it("reads back what toCsv writes", () => {
    const csv = toCsv([
      { position: 1, id: "x", title: 'A, "quoted"', kind: "RFC", stage: "", labels: "a; b", businessValue: 5, costEstimate: null, team: "", description: "l1\nl2", rank: "a0" },
    ]);
    const { rows, errors } = parseBacklogCsv(csv);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ title: 'A, "quoted"', kind: "RFC", labels: ["a", "b"], businessValue: 5, costEstimate: null, description: "l1\nl2" });
  });
});
