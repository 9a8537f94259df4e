// GET, POST /api/auth/* — next-auth: sign-in, callback, session, CSRF and sign-out endpoints
import NextAuth, { type NextAuthOptions } from "next-auth";
import { authOptions } from "@/server/auth/auth-options";

// Options are built on the first request, not at import: `next build` evaluates route
// modules without a database or a production secret.
let options: NextAuthOptions | undefined;

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Context): Promise<Response> {
  options ??= authOptions();
  return NextAuth(req as never, ctx as never, options) as Promise<Response>;
}

export { handler as GET, handler as POST };
