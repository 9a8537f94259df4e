// GET, POST /api/auth/* — next-auth: sign-in, callback, session, CSRF and sign-out endpoints
// POST /api/auth/callback/credentials — additionally rate-limited: 10 failed sign-ins a minute per account and per address
import NextAuth, { type NextAuthOptions } from "next-auth";
import { authOptions } from "@/server/auth/auth-options";
import { guardCredentialsSignIn } from "@/server/auth/sign-in-guard";

// Options are built on the first request, not at import: `next build` evaluates route
// modules without a database or a production secret.
let options: NextAuthOptions | undefined;

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Context): Promise<Response> {
  options ??= authOptions();
  return NextAuth(req as never, ctx as never, options) as Promise<Response>;
}

async function post(req: Request, ctx: Context): Promise<Response> {
  const { nextauth } = await ctx.params;
  // The password sign-in is the only door a guesser can knock on: count its failures.
  if (nextauth.join("/") === "callback/credentials") {
    return guardCredentialsSignIn(req, (r) => handler(r, ctx));
  }
  return handler(req, ctx);
}

export { handler as GET, post as POST };
