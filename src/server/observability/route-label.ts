import { OPERATIONS } from "@/lib/openapi/operations";

// The `route` label of the HTTP metrics: a template, never the raw path, so ids and service keys
// do not make one time series per object (Prometheus' cardinality rule).

type Matcher = { re: RegExp; label: string };

const segment = "[^/]+";
const toMatcher = (template: string, label = template): Matcher => ({
  re: new RegExp(`^${template.replace(/\{\w+\}|\[\w+\]/g, segment)}/?$`),
  label,
});

// Longer templates first, so /a/{x}/b wins over /a/{x} (and literal segments over parameters).
const byDepth = (a: Matcher, b: Matcher) => b.label.split("/").length - a.label.split("/").length || a.label.localeCompare(b.label);

const API = [...new Set(OPERATIONS.map((op) => op.path))]
  .sort((a, b) => (a.includes("{") ? 1 : 0) - (b.includes("{") ? 1 : 0))
  .map((p) => toMatcher(p))
  .sort(byDepth);

const PAGES: Matcher[] = [
  "/",
  "/signin",
  "/admin",
  "/invite/[token]",
  "/tv/[serviceKey]",
  "/services/[key]",
  "/services/[key]/[tab]",
  "/services/[key]/[tab]/[id]",
  "/services/[key]/settings/[page]",
].map((p) => toMatcher(p));
PAGES.sort(byDepth);

export function routeLabel(pathname: string): string {
  if (pathname.startsWith("/_next/")) return "/_next/*";
  if (pathname.startsWith("/socket.io")) return "/socket.io";
  if (pathname === "/metrics") return "/metrics";
  if (pathname.startsWith("/api/auth/")) return "/api/auth/*";
  const list = pathname.startsWith("/api/") ? API : PAGES;
  // Literal templates before parametrised ones of the same depth.
  const literal = list.find((m) => !/[{[]/.test(m.label) && m.re.test(pathname));
  if (literal) return literal.label;
  return list.find((m) => m.re.test(pathname))?.label ?? (pathname.startsWith("/api/") ? "/api/*unmatched" : "other");
}
