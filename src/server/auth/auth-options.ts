import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "@/server/db";
import { authSecret, env } from "@/server/env";
import { endSession } from "@/server/services/users/end-session";
import { verifyPassword } from "./password";
import { sameServerRedirect } from "./same-server-redirect";

const ZCredentials = z.object({ email: z.email().max(200), password: z.string().min(1).max(200) });

/** next-auth: email + password always; OpenID Connect when OIDC_* is configured. */
export function authOptions(): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = ZCredentials.safeParse(raw);
        if (!parsed.success) return null;
        const user = await db.user.findUnique({
          where: { email: parsed.data.email.toLowerCase() },
          select: { id: true, name: true, email: true, passwordHash: true, disabled: true },
        });
        if (!user || user.disabled || !user.passwordHash) return null;
        if (!(await verifyPassword(parsed.data.password, user.passwordHash))) return null;
        return { id: user.id, name: user.name, email: user.email };
      },
    }),
  ];
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile(profile: { sub: string; name?: string; email?: string }) {
        return { id: profile.sub, name: profile.name ?? profile.email ?? profile.sub, email: profile.email };
      },
    });
  }
  return {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: env.SESSION_MAX_AGE },
    pages: { signIn: "/signin" },
    providers,
    events: {
      // The cookie is cleared by next-auth; this makes any copy of it worthless too.
      async signOut({ token }) {
        await endSession(token);
      },
    },
    callbacks: {
      // Relative redirects: without NEXTAUTH_URL next-auth would send people to localhost:3000.
      async redirect(params) {
        return sameServerRedirect(params);
      },
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        // OIDC users must exist already (invited by an admin); the email links them.
        if (!user.email) return false;
        const known = await db.user.findUnique({ where: { email: user.email.toLowerCase() }, select: { disabled: true } });
        return !!known && !known.disabled;
      },
      async jwt({ token, user, account }) {
        if (user) {
          const row = await db.user.findUnique({
            where: account?.provider === "oidc" ? { email: (user.email ?? "").toLowerCase() } : { id: user.id },
            select: { id: true, sessionVersion: true },
          });
          if (row) {
            token.uid = row.id;
            token.sv = row.sessionVersion;
          }
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.uid as string | undefined };
      },
    },
  };
}
