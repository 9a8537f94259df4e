// Answers of the identity and administration operations (users, teams, tokens, invitations).
// Requests live in ./identity.ts; these are what the server sends back.
import { z } from "zod";
import { ACTIONS } from "@/domain/permissions";
import { ROLES } from "@/domain/roles";

const ZRoleOut = z.enum(ROLES);

export const ZUserSummary = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
    disabled: z.boolean(),
    // Invited and not yet accepted: no password set.
    invitePending: z.boolean(),
    memberships: z.array(z.object({ teamId: z.string(), teamName: z.string(), role: ZRoleOut })),
  })
  .meta({ id: "UserSummary" });
export type TUserSummary = z.output<typeof ZUserSummary>;

export const ZUserList = z.object({ users: z.array(ZUserSummary) }).meta({ id: "UserList" });

export const ZCreatedUser = z
  .object({
    user: z.object({ id: z.string(), email: z.string(), name: z.string(), isAdmin: z.boolean() }),
    // The one-time invitation link (null when a password was given). Shown once, never stored.
    inviteUrl: z.string().nullable(),
  })
  .meta({ id: "CreatedUser" });

export const ZSetUserDisabledRequest = z.object({ disabled: z.boolean() }).meta({ id: "SetUserDisabledRequest" });
export const ZUserDisabled = z.object({ id: z.string(), disabled: z.boolean() }).meta({ id: "UserDisabled" });

export const ZTeamMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(ZRoleOut),
});

export const ZTeamSummary = z
  .object({
    id: z.string(),
    orgId: z.string(),
    name: z.string(),
    kind: z.enum(["DELIVERY", "POOL"]),
    discipline: z.string().nullable(),
    members: z.array(ZTeamMember),
    // DELIVERY: the pools assigned to it. POOL: the delivery teams it serves.
    assignedPoolIds: z.array(z.string()),
    servesTeamIds: z.array(z.string()),
  })
  .meta({ id: "TeamSummary" });
export type TTeamSummary = z.output<typeof ZTeamSummary>;

export const ZOrganizationSummary = z
  .object({ id: z.string(), name: z.string(), layout: z.enum(["FLAT", "MATRIX"]) })
  .meta({ id: "OrganizationSummary" });
export type TOrganizationSummary = z.output<typeof ZOrganizationSummary>;

export const ZTeamList = z
  .object({ organizations: z.array(ZOrganizationSummary), teams: z.array(ZTeamSummary) })
  .meta({ id: "TeamList" });
export type TTeamList = z.output<typeof ZTeamList>;

export const ZCreatedTeam = z
  .object({ id: z.string(), name: z.string(), kind: z.enum(["DELIVERY", "POOL"]), discipline: z.string().nullable() })
  .meta({ id: "CreatedTeam" });

export const ZMemberRoles = z
  .object({ teamId: z.string(), userId: z.string(), roles: z.array(ZRoleOut) })
  .meta({ id: "MemberRoles" });

export const ZOrgLayout = z.object({ orgId: z.string(), layout: z.enum(["FLAT", "MATRIX"]) }).meta({ id: "OrgLayout" });

export const ZPoolAssignment = z
  .object({ poolTeamId: z.string(), deliveryTeamId: z.string(), assigned: z.boolean() })
  .meta({ id: "PoolAssignment" });

export const ZAccessTokenSummary = z
  .object({
    id: z.string(),
    kind: z.enum(["API", "WALL"]),
    name: z.string(),
    scopes: z.array(z.enum(ACTIONS)),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "AccessTokenSummary" });
export type TAccessTokenSummary = z.output<typeof ZAccessTokenSummary>;

export const ZAccessTokenList = z.object({ tokens: z.array(ZAccessTokenSummary) }).meta({ id: "AccessTokenList" });

export const ZCreatedAccessToken = z
  .object({
    token: z.object({
      id: z.string(),
      kind: z.enum(["API", "WALL"]),
      name: z.string(),
      scopes: z.array(z.enum(ACTIONS)),
      createdAt: z.string(),
    }),
    // The secret, shown this once: only its hash is stored.
    secret: z.string(),
  })
  .meta({ id: "CreatedAccessToken" });

export const ZRevokedAccessToken = z.object({ id: z.string(), revoked: z.literal(true) }).meta({ id: "RevokedAccessToken" });

export const ZInviteAccepted = z.object({ ok: z.literal(true) }).meta({ id: "InviteAccepted" });
