export const ROLES = [
  "ADMIN",
  "PROCESS_MASTER",
  "SERVICE_MASTER",
  "DEVOPS_ENGINEER",
  "GATEKEEPER",
  "RELIABILITY_ENGINEER",
  "DEVELOPER",
  "OPERATIONS",
  "VIEWER",
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  PROCESS_MASTER: "Process Master",
  SERVICE_MASTER: "Service Master",
  DEVOPS_ENGINEER: "DevOps engineer",
  GATEKEEPER: "Gatekeeper",
  RELIABILITY_ENGINEER: "Reliability engineer",
  DEVELOPER: "Developer",
  OPERATIONS: "Operations",
  VIEWER: "Viewer",
};
