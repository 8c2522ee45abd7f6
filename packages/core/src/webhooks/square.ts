import { createHmac } from "node:crypto";
import { safeEqualText } from "./compare.ts";

// Square event notifications ("Verify and validate an event notification", and the square
// SDK's `WebhooksHelper.verifySignature` in src/wrapper/WebhooksHelper.ts).
// `x-square-hmacsha256-signature` is the base64 HMAC-SHA256, keyed by the subscription's
// signature key, of the notification URL exactly as configured in the subscription
// followed by the raw body. The notification carries no timestamp in any header; its
// `event_id` is Square's idempotency key for the delivery and its retries.

/** The header Square signs every notification with, lower-cased. */
export const SQUARE_SIGNATURE_HEADER = "x-square-hmacsha256-signature";

/** Why a Square notification was refused; logged, never shown to the caller. */
export type SquareFailure = "SIGNATURE_MISSING" | "SIGNATURE_MISMATCH";

/** The outcome of a check: the notification's `event_id`, or why it failed. */
export type SquareResult =
  | { ok: true; eventId: string | null }
  | { ok: false; reason: SquareFailure };

/** The signature Square would send for `body` posted to `notificationUrl`. For tests. */
export function squareSignature(
  signatureKey: string,
  notificationUrl: string,
  body: Uint8Array | string,
): string {
  return createHmac("sha256", signatureKey).update(notificationUrl).update(body).digest("base64");
}

/**
 * Checks `x-square-hmacsha256-signature` against the notification URL and the raw body.
 * The body is parsed, for its `event_id`, only once it verified.
 */
export function verifySquareSignature(input: {
  signatureKey: string;
  notificationUrl: string;
  body: Uint8Array;
  signature: string | undefined;
}): SquareResult {
  const { signatureKey, notificationUrl, body, signature } = input;
  if (!signatureKey) throw new Error("verifySquareSignature: no signature key");

  if (!signature) return { ok: false, reason: "SIGNATURE_MISSING" };

  const expected = squareSignature(signatureKey, notificationUrl, body);
  if (!safeEqualText(signature, expected)) return { ok: false, reason: "SIGNATURE_MISMATCH" };

  return { ok: true, eventId: eventIdOf(body) };
}

function eventIdOf(body: Uint8Array): string | null {
  try {
    const event: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
    const id = (event as { event_id?: unknown } | null)?.event_id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
