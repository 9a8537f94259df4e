// The address people reach this server at, for links it hands out (invitations). Not the bind
// address: Next builds req.url from HOSTNAME, so with the default 0.0.0.0 a link read
// http://0.0.0.0:3000/invite/… (issue 9). In order: the configured public URL (NEXTAUTH_URL),
// the Host the browser sent (X-Forwarded-Host/-Proto only behind a trusted proxy, as anyone can
// send them), and last the request URL.

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function firstValue(value: string | null): string | undefined {
  return value?.split(",")[0]?.trim() || undefined;
}

export function publicOrigin(req: Request, opts: { publicUrl?: string; trustProxy: boolean }): string {
  if (opts.publicUrl) return new URL(opts.publicUrl).origin;
  const own = new URL(req.url);
  const forwardedHost = opts.trustProxy ? firstValue(req.headers.get("x-forwarded-host")) : undefined;
  const host = forwardedHost ?? firstValue(req.headers.get("host"));
  const forwardedProto = opts.trustProxy ? firstValue(req.headers.get("x-forwarded-proto")) : undefined;
  const protocol = forwardedProto === "https" || forwardedProto === "http" ? `${forwardedProto}:` : own.protocol;
  if (host && HOST.test(host)) return `${protocol}//${host.toLowerCase()}`;
  return own.origin;
}
