import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "X-Obeya-Signature";
export const TIMESTAMP_HEADER = "X-Obeya-Timestamp";

/**
 * `sha256=<hex>`: HMAC-SHA256, keyed with the subscription's secret, of `<timestamp>.<body>`
 * (timestamp in Unix seconds, the X-Obeya-Timestamp header). Signing the timestamp with the body
 * lets a receiver refuse an old request replayed by someone who captured it (Stripe's and
 * Slack's scheme); the README shows how to verify it.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** What a receiver does (used by the tests as a receiver would): constant-time compare, and a tolerance on the age. */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | null; timestamp: string | null },
  body: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
