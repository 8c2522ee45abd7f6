import { createHmac } from "node:crypto";
import { safeEqualText } from "./compare.ts";

// Stripe webhook signatures ("Check the webhook signatures", and stripe-node's
// `webhooks.signature.verifyHeader` in src/Webhooks.ts). `Stripe-Signature` reads
// `t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=<hex>]`; each `v1` is the hex
// HMAC-SHA256, keyed by an endpoint's signing secret, of `${t}.${raw body}`. While a
// secret is being rolled Stripe signs with both and sends one `v1` per secret, so any
// `v1` matching any of our secrets verifies. `v0` is a test-mode scheme Stripe says to
// ignore, and so is any scheme we do not know.

/** The header Stripe signs every event with, lower-cased. */
export const STRIPE_SIGNATURE_HEADER = "stripe-signature";

/** Stripe's own libraries accept a timestamp this many seconds old, and no older. */
export const STRIPE_TOLERANCE_SECONDS = 300;

/** Why a Stripe request was refused; logged, never shown to the caller. */
export type StripeFailure =
  | "SIGNATURE_MISSING"
  | "SIGNATURE_MALFORMED"
  | "TIMESTAMP_OUT_OF_TOLERANCE"
  | "SIGNATURE_MISMATCH";

/** The outcome of a check: the event's id (`evt_…`), or why it failed. */
export type StripeResult =
  | { ok: true; eventId: string | null }
  | { ok: false; reason: StripeFailure };

// Twelve digits reach the year 33658; anything longer is not a Stripe timestamp.
const TIMESTAMP = /^\d{1,12}$/;

/**
 * The signing secrets in `STRIPE_WEBHOOK_SECRET`: one `whsec_…`, or several separated by
 * commas while one is being rolled (old and new endpoint secrets both verify).
 */
export function stripeSecrets(value: string): string[] {
  return value
    .split(",")
    .map((secret) => secret.trim())
    .filter(Boolean);
}

/**
 * The `Stripe-Signature` Stripe would send for `body` at `timestamp` (unix seconds), one
 * `v1` per secret. For tests and simulators.
 */
export function stripeSignatureHeader(
  secrets: string | readonly string[],
  body: Uint8Array | string,
  timestamp: number,
): string {
  const signatures = [secrets].flat().map((secret) => `v1=${hmac(secret, `${timestamp}`, body)}`);
  return [`t=${timestamp}`, ...signatures].join(",");
}

/**
 * Checks `Stripe-Signature` against the raw body: a `v1` that matches one of `secrets`,
 * and a timestamp within `toleranceSeconds` of `now` either way (a clock ahead of ours is
 * as suspect as a replay). The body is parsed, for its `id`, only once it verified.
 */
export function verifyStripeSignature(input: {
  secrets: readonly string[];
  header: string | undefined;
  body: Uint8Array;
  now: Date;
  toleranceSeconds?: number;
}): StripeResult {
  const { secrets, header, body, now } = input;
  const tolerance = input.toleranceSeconds ?? STRIPE_TOLERANCE_SECONDS;
  if (secrets.length === 0) throw new Error("verifyStripeSignature: no signing secret");

  if (!header) return { ok: false, reason: "SIGNATURE_MISSING" };

  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: "SIGNATURE_MALFORMED" };

  const age = Math.floor(now.getTime() / 1000) - Number(parsed.timestamp);
  if (Math.abs(age) > tolerance) return { ok: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" };

  // Every pair is compared, so the time taken does not say which secret or which `v1`
  // matched, nor how many there were before it.
  let matched = false;
  for (const secret of secrets) {
    const expected = hmac(secret, parsed.timestamp, body);
    for (const signature of parsed.signatures) {
      matched = safeEqualText(signature, expected) || matched;
    }
  }
  if (!matched) return { ok: false, reason: "SIGNATURE_MISMATCH" };

  return { ok: true, eventId: eventIdOf(body) };
}

function hmac(secret: string, timestamp: string, body: Uint8Array | string): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/**
 * `t` exactly once, as digits, and at least one `v1`; other schemes are skipped. An item
 * that is not `key=value` makes the whole header malformed rather than being guessed at.
 */
function parseHeader(header: string): { timestamp: string; signatures: string[] } | null {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const item of header.split(",")) {
    const separator = item.indexOf("=");
    if (separator <= 0) return null;
    const key = item.slice(0, separator).trim();
    const value = item.slice(separator + 1).trim();
    if (key === "t") {
      if (timestamp !== undefined || !TIMESTAMP.test(value)) return null;
      timestamp = value;
    } else if (key === "v1") {
      signatures.push(value);
    }
  }
  if (timestamp === undefined || signatures.length === 0) return null;
  return { timestamp, signatures };
}

function eventIdOf(body: Uint8Array): string | null {
  try {
    const event: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
    const id = (event as { id?: unknown } | null)?.id;
    return typeof id === "string" ? id : null;
  } catch {
    return null;
  }
}
