// Where to go after signing in. Only same-site paths: an absolute or protocol-relative URL in
// `callbackUrl` would turn the sign-in page into an open redirect.
export function safeCallbackUrl(raw: string | string[] | undefined | null): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/signin") || value.startsWith("/api/auth")) return "/";
  return value;
}
