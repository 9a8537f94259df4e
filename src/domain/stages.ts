// The value stream of an IT service, strategy to end of life (DOMAIN.md).
// Stages are data: each service gets a copy it may rename, reorder, extend or retire.

export type StageTemplate = {
  key: string;
  name: string;
  wipLimit: number | null;
  ageThresholdHours: number | null;
  doneCriteria: string[];
};

export const DEFAULT_STAGES: readonly StageTemplate[] = [
  {
    key: "strategy",
    name: "Business strategy & planning",
    wipLimit: 5,
    ageThresholdHours: 24 * 14,
    doneCriteria: ["Business advantage stated", "Service Master agreed"],
  },
  {
    key: "marketing",
    name: "Marketing & sales",
    wipLimit: 5,
    ageThresholdHours: 24 * 10,
    doneCriteria: ["Customers named", "Business value and timing set"],
  },
  {
    key: "administration",
    name: "Administration",
    wipLimit: 4,
    ageThresholdHours: 24 * 5,
    doneCriteria: ["Visible on the Obeya"],
  },
  {
    key: "planning",
    name: "Project planning",
    wipLimit: 4,
    ageThresholdHours: 24 * 7,
    doneCriteria: ["Vision, goal and value written", "Value stream mapped"],
  },
  {
    key: "requirements",
    name: "Requirements & design",
    wipLimit: 6,
    ageThresholdHours: 24 * 7,
    doneCriteria: ["User story written", "Test story written", "Operations story written"],
  },
  {
    key: "development",
    name: "Development",
    wipLimit: 6,
    ageThresholdHours: 24 * 5,
    doneCriteria: ["Tests written first", "Integrated and build green", "Code reviewed"],
  },
  {
    key: "deployment",
    name: "Deployment",
    wipLimit: 3,
    ageThresholdHours: 24 * 2,
    doneCriteria: ["Acceptance tests passed", "Performance tests passed", "Gatekeeper said GO"],
  },
  {
    key: "operations",
    name: "Operations",
    wipLimit: 8,
    ageThresholdHours: 24 * 30,
    doneCriteria: ["Monitored", "RPO/RTO verified"],
  },
  {
    key: "maintenance",
    name: "Maintenance",
    wipLimit: 4,
    ageThresholdHours: 24 * 7,
    doneCriteria: ["Approved by Service Master and reliability engineer"],
  },
  {
    key: "customer-service",
    name: "Customer service",
    wipLimit: 6,
    ageThresholdHours: 24 * 3,
    doneCriteria: ["Feedback recorded", "RfC raised where needed"],
  },
  {
    key: "end-of-life",
    name: "End of life",
    wipLimit: null,
    ageThresholdHours: null,
    doneCriteria: ["Service Master decided how the service ends"],
  },
];

export type StageView = {
  id: string;
  key: string;
  name: string;
  position: number;
  wipLimit: number | null;
  ageThresholdHours: number | null;
  retired: boolean;
};

/** Stages left to right, retired stages last. */
export function orderStages<T extends Pick<StageView, "position" | "retired">>(stages: readonly T[]): T[] {
  return [...stages].sort((a, b) => Number(a.retired) - Number(b.retired) || a.position - b.position);
}
