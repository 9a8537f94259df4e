// Where next-auth sends a person after sign-in or sign-out. Without NEXTAUTH_URL, next-auth
// takes http://localhost:3000 as its own address, so the default callback sent people there
// after sign-out (issue 9). A path relative to this server is right whatever address the
// browser used (a LAN IP, a proxy's name). Another site's URL is never followed (open redirect).

export function sameServerRedirect({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return url;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin) return `${target.pathname}${target.search}${target.hash}`;
  } catch {
    // not a URL: fall through
  }
  return "/";
}
