"use client";

// The admin forms talk to /api/v1 like any client: same-origin JSON, errors shown as the API words them.
export type ApiResult<T> = { ok: true; body: T } | { ok: false; status: number; message: string };

export async function callApi<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached. Check your connection and try again." };
  }
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, body: data as T };
  const message = (data as { error?: { message?: string } } | null)?.error?.message;
  if (res.status === 401) return { ok: false, status: 401, message: "Your session has ended. Sign in again." };
  return { ok: false, status: res.status, message: message ?? `The request failed (${res.status}).` };
}
