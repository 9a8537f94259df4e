// The browser's calls of /api/v1: same-origin JSON with the session cookie. A refusal keeps its
// status, the API's message and its details (a 409 carries the current state, a 400 names the
// fields that are wrong), so every form shows errors the way the API words them.
import type { ErrorBody } from "@/lib/errors";

export type ApiFailure = { ok: false; status: number; message: string; details: unknown };
export type ApiResult<T> = { ok: true; body: T } | ApiFailure;

export async function callApi<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached. Check your connection and try again.", details: null };
  }
  const text = await res.text().catch(() => "");
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (res.ok) return { ok: true, body: parsed as T };
  const error = (parsed as ErrorBody | null)?.error;
  if (res.status === 401) return { ok: false, status: 401, message: "Your session has ended. Sign in again.", details: error?.details };
  return { ok: false, status: res.status, message: error?.message ?? `The server answered ${res.status}.`, details: error?.details };
}

/** Per-field messages of a 400 (VALIDATION_FAILED), keyed by the field's path. */
export function fieldErrors(failure: ApiFailure): Record<string, string> {
  const issues = (failure.details as { issues?: Array<{ path: string; message: string }> } | null | undefined)?.issues;
  const out: Record<string, string> = {};
  for (const i of issues ?? []) out[i.path] ??= i.message;
  return out;
}
