import type { ErrorBody } from "@/lib/errors";

export type ApiResult<T> = { ok: true; body: T } | { ok: false; status: number; message: string };

/** A same-origin JSON call of /api/v1 with the session cookie; errors come back as their message. */
export async function callApi<T>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as unknown) : null;
    if (res.ok) return { ok: true, body: parsed as T };
    const message = (parsed as ErrorBody | null)?.error?.message ?? `The server answered ${res.status}.`;
    return { ok: false, status: res.status, message };
  } catch {
    return { ok: false, status: 0, message: "The server could not be reached. Try again." };
  }
}
