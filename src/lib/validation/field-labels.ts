// What people call the fields of our requests, for error messages: "Title is required", not
// "title: Too small". Keyed by the field's name in the schemas; a name not listed here is
// spelled out from its camelCase ("ageThresholdHours" → "Age threshold hours").

type FieldLabel = {
  /** The field itself: "Evidence". */
  label: string;
  /** One entry of a list field, numbered from 1 after it: "Evidence line" 2, "Stage" 3. */
  entry?: string;
};

export const FIELD_LABELS: Readonly<Record<string, FieldLabel>> = {
  title: { label: "Title" },
  description: { label: "Description" },
  kind: { label: "Kind" },
  stageId: { label: "Stage" },
  toStageId: { label: "Target stage" },
  labels: { label: "Labels", entry: "Label" },
  businessValue: { label: "Business value" },
  costEstimate: { label: "Cost estimate" },
  expectedVersion: { label: "Version" },
  key: { label: "Key" },
  name: { label: "Name" },
  teamId: { label: "Team" },
  serviceId: { label: "Service" },
  itemId: { label: "Item" },
  stages: { label: "Stages", entry: "Stage" },
  wipLimit: { label: "WIP limit" },
  ageThresholdHours: { label: "Age threshold (hours)" },
  doneCriteria: { label: "Done-criteria", entry: "Done-criterion" },
  evidence: { label: "Evidence", entry: "Evidence line" },
  assessments: { label: "Assessments", entry: "Assessment" },
  criterionId: { label: "Criterion" },
  reason: { label: "Reason" },
  comment: { label: "Comment" },
  body: { label: "Text" },
  csv: { label: "CSV file" },
  dryRun: { label: "Dry run" },
  email: { label: "Email" },
  password: { label: "Password" },
  outcome: { label: "Outcome" },
  roles: { label: "Roles", entry: "Role" },
  scopes: { label: "Scopes", entry: "Scope" },
  supersedesId: { label: "The decision it replaces" },
  overrideReason: { label: "The reason to go anyway" },
  afterItemId: { label: "Item above" },
  beforeItemId: { label: "Item below" },
};

function spellOut(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function labelOf(name: string): string {
  return FIELD_LABELS[name]?.label ?? spellOut(name);
}

function entryOf(name: string): string {
  const known = FIELD_LABELS[name];
  if (known) return known.entry ?? `${known.label} line`;
  return `${spellOut(name)} line`;
}

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/**
 * The words for a field path: ["title"] → "Title", ["evidence", 1] → "Evidence line 2",
 * ["stages", 2, "name"] → "Stage 3 name". Line numbers count from 1, as people do.
 */
export function fieldLabel(path: ReadonlyArray<PropertyKey>): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const next = path[i + 1];
    if (typeof seg === "number") {
      parts.push(`Line ${seg + 1}`);
    } else if (typeof next === "number") {
      parts.push(`${entryOf(String(seg))} ${next + 1}`);
      i++;
    } else {
      parts.push(labelOf(String(seg)));
    }
  }
  if (parts.length === 0) return "The request";
  return parts.map((p, i) => (i === 0 ? p : lowerFirst(p))).join(" ");
}
