import { z } from "zod";
import { ROLES } from "@/domain/roles";
import { ACTIONS } from "@/domain/permissions";
import { ZId } from "./common";

export const ZRole = z.enum(ROLES);
export const ZEmail = z.email().max(200).transform((s) => s.toLowerCase());
export const ZPassword = z.string().min(10).max(200);

export const ZCreateUserRequest = z
  .object({
    email: ZEmail,
    name: z.string().trim().min(1).max(120),
    // Omitted: the user is invited and sets a password through a one-time link.
    password: ZPassword.optional(),
    isAdmin: z.boolean().default(false),
  })
  .meta({ id: "CreateUserRequest" });
export type TCreateUserRequest = z.input<typeof ZCreateUserRequest>;

export const ZAcceptInviteRequest = z
  .object({ token: z.string().min(10).max(200), password: ZPassword })
  .meta({ id: "AcceptInviteRequest" });

export const ZCreateTeamRequest = z
  .object({
    orgId: ZId,
    name: z.string().trim().min(1).max(80),
    kind: z.enum(["DELIVERY", "POOL"]).default("DELIVERY"),
    discipline: z.string().trim().max(60).nullable().default(null),
  })
  .meta({ id: "CreateTeamRequest" });

export const ZSetMemberRolesRequest = z
  .object({
    userId: ZId,
    // The complete set of roles the user holds in the team; empty removes them from it.
    roles: z.array(ZRole).max(ROLES.length).transform((r) => [...new Set(r)]),
  })
  .meta({ id: "SetMemberRolesRequest" });

export const ZSetOrgLayoutRequest = z.object({ layout: z.enum(["FLAT", "MATRIX"]) }).meta({ id: "SetOrgLayoutRequest" });

export const ZAssignPoolRequest = z
  .object({ poolTeamId: ZId, deliveryTeamId: ZId, assigned: z.boolean() })
  .meta({ id: "AssignPoolRequest" });

export const ZCreateAccessTokenRequest = z
  .object({
    kind: z.enum(["API", "WALL"]),
    name: z.string().trim().min(1).max(80),
    // API tokens only: the actions the machine may perform on this one service.
    scopes: z.array(z.enum(ACTIONS)).max(ACTIONS.length).default([]),
  })
  .meta({ id: "CreateAccessTokenRequest" });
export type TCreateAccessTokenRequest = z.input<typeof ZCreateAccessTokenRequest>;
