import type { ErrorBody } from "@/lib/errors";

// Same-origin JSON calls of /api/v1 for the drawer. A refusal keeps its status, message and
// details: a 409 carries the item as it is now, a 400 names the fields that are wrong.
export type ApiFailure = { ok: false; status: number; message: string; details: unknown };
export type ApiResult<T> = { ok: true; body: T } | ApiFailure;

export async function callApi<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (res.ok) return { ok: true, body: parsed as T };
    const error = (parsed as ErrorBody | null)?.error;
    return { ok: false, status: res.status, message: error?.message ?? `The server answered ${res.status}.`, details: error?.details };
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached. Try again.", details: null };
  }
}

/** Per-field messages of a 400 (VALIDATION_FAILED), keyed by the field's path. */
export function fieldErrors(failure: ApiFailure): Record<string, string> {
  const issues = (failure.details as { issues?: Array<{ path: string; message: string }> } | null | undefined)?.issues;
  const out: Record<string, string> = {};
  for (const i of issues ?? []) out[i.path] ??= i.message;
  return out;
}

export const itemPath = (itemId: string, rest = "") => `/api/v1/items/${encodeURIComponent(itemId)}${rest}`;
