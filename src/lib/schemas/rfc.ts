import { z } from "zod";
import { ZId, ZVersion } from "./common";

export const CHANGE_KINDS = ["RFC", "MAINTENANCE"] as const;
export const CHANGE_SOURCES = ["MAINTENANCE", "CUSTOMER_SERVICE", "MONITORING", "SUPPORT", "OTHER"] as const;
export const LEVELS = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export const APPROVAL_KEYS = ["SERVICE_MASTER", "RELIABILITY_ENGINEER"] as const;

export const ZRaiseRfcRequest = z
  .object({
    kind: z.enum(CHANGE_KINDS).default("RFC").describe("MAINTENANCE: a maintenance activity, same two-key approval"),
    title: z.string().trim().min(1).max(200),
    what: z.string().trim().min(1).max(5000).describe("What should change"),
    why: z.string().trim().min(1).max(5000).describe("Why it should change"),
    source: z.enum(CHANGE_SOURCES).describe("Where the request comes from"),
    impact: z.string().max(5000).default(""),
    risk: z.enum(LEVELS).default("MEDIUM"),
    urgency: z.enum(LEVELS).default("MEDIUM"),
  })
  .meta({ id: "RaiseRfcRequest" });
export type TRaiseRfcRequest = z.input<typeof ZRaiseRfcRequest>;

export const ZDecideRfcRequest = z
  .object({
    decision: z.enum(["APPROVE", "REJECT"]),
    reason: z.string().trim().max(2000).optional().describe("Required to reject"),
    // Which key to turn; may be left out when the caller holds only one of the two.
    role: z.enum(APPROVAL_KEYS).optional(),
    expectedVersion: ZVersion.optional().describe("The RfC version you saw; a stale one answers 409"),
  })
  .meta({ id: "DecideRfcRequest" });
export type TDecideRfcRequest = z.input<typeof ZDecideRfcRequest>;

export const ZApproval = z.object({
  role: z.enum(APPROVAL_KEYS),
  userId: z.string(),
  userName: z.string(),
  decision: z.enum(["APPROVE", "REJECT"]),
  reason: z.string().nullable(),
  createdAt: z.string(),
});

export const ZRfc = z
  .object({
    id: z.string(),
    serviceId: z.string(),
    kind: z.enum(CHANGE_KINDS),
    title: z.string(),
    what: z.string(),
    why: z.string(),
    source: z.enum(CHANGE_SOURCES),
    impact: z.string(),
    risk: z.enum(LEVELS),
    urgency: z.enum(LEVELS),
    status: z.enum(["PENDING", "APPROVED", "REJECTED"]),
    raisedById: z.string().nullable(),
    raisedByName: z.string().nullable(),
    itemId: z.string().nullable().describe("The backlog item created when both keys approved"),
    version: z.number().int(),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    approvals: z.array(ZApproval),
  })
  .meta({ id: "Rfc" });
export type TRfc = z.infer<typeof ZRfc>;

export const ZRfcList = z.object({ rfcs: z.array(ZRfc), seq: z.number().int() }).meta({ id: "RfcList" });
export type TRfcList = z.infer<typeof ZRfcList>;

export const ZRfcListQuery = z.object({ status: z.enum(["PENDING", "APPROVED", "REJECTED"]).optional() });

export const ZRfcParams = z.object({ rfcId: ZId.describe("The request for change's id") });
