// Who is on the other end of a request, for the per-address sign-in limit and the audit.
// server.ts resolves it once per request from the socket (and, behind a trusted proxy, from
// X-Forwarded-For) and passes it on in CLIENT_ADDRESS_HEADER, replacing anything the client sent.

export const CLIENT_ADDRESS_HEADER = "x-obeya-client-address";

export function resolveClientAddress(opts: {
  remoteAddress: string | undefined;
  forwardedFor: string | string[] | undefined;
  trustProxy: boolean;
}): string {
  const forwarded = Array.isArray(opts.forwardedFor) ? opts.forwardedFor.join(",") : opts.forwardedFor;
  const first = forwarded?.split(",")[0]?.trim();
  if (opts.trustProxy && first) return first;
  return opts.remoteAddress ?? "unknown";
}
