// The demo organisation and its team: one account per role (DOMAIN.md), one shared password.
// The start command prints this list; nothing here is a secret.
import { ROLE_LABELS, type Role } from "@/domain/roles";

export const DEMO_ORG_NAME = "Convertia";
export const DEMO_DOMAIN = "convertia.example";
// Shared by every demo account so it can be printed once; at least 10 characters (ZPassword).
export const DEMO_PASSWORD = "obeya-demo";

export type DemoAccount = {
  key: string;
  email: string;
  name: string;
  /** roles in the delivery team (or in the operations pool, for `pool: true`) */
  roles: Role[];
  isAdmin?: boolean;
  pool?: boolean;
};

const at = (local: string) => `${local}@${DEMO_DOMAIN}`;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { key: "admin", email: at("admin"), name: "Alex Admin", roles: [], isAdmin: true },
  { key: "processMaster", email: at("process.master"), name: "Aiko Tanaka", roles: ["PROCESS_MASTER"] },
  { key: "serviceMaster", email: at("service.master"), name: "Sven Lindqvist", roles: ["SERVICE_MASTER"] },
  { key: "devops", email: at("devops"), name: "Dana Okafor", roles: ["DEVOPS_ENGINEER"] },
  { key: "gatekeeper", email: at("gatekeeper"), name: "Greta Moreau", roles: ["GATEKEEPER"] },
  { key: "reliability", email: at("reliability"), name: "Ravi Menon", roles: ["RELIABILITY_ENGINEER"] },
  { key: "developer1", email: at("dev1"), name: "Diego Alvarez", roles: ["DEVELOPER"] },
  { key: "developer2", email: at("dev2"), name: "Mei Chen", roles: ["DEVELOPER"] },
  // Matrix organisation: Operations sits in an expert pool assigned to the delivery team.
  { key: "operations", email: at("operations"), name: "Olu Adeyemi", roles: ["OPERATIONS"], pool: true },
  { key: "viewer", email: at("viewer"), name: "Vera Sales", roles: ["VIEWER"] },
];

export function roleLabel(a: DemoAccount): string {
  if (a.isAdmin) return "Admin";
  return a.roles.map((r) => ROLE_LABELS[r]).join(", ") + (a.pool ? " (operations pool)" : "");
}
