import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { safeEqualText } from "./compare.ts";

// Internal webhooks from the voice runtime (WH2), in the Standard Webhooks format:
// `webhook-id`, `webhook-timestamp` (Unix seconds) and `webhook-signature`, a
// space-separated list of `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`. The
// key is VOICECRAFT_API_KEY: `whsec_` and the base64 of the key bytes (the prefix is
// optional, as in every Standard Webhooks library). The signature itself is always the
// `standardwebhooks` reference library's.

/** How far a timestamp may be from our clock, either way (Standard Webhooks default). */
export const INTERNAL_WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

/**
 * The three headers a signed internal webhook carries. A type alias, not an interface, so
 * it can be passed where any `Record<string, string>` of headers is expected.
 */
export type InternalWebhookHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

/** Why an internal webhook was refused; logged, never shown to the caller. */
export type InternalWebhookFailure =
  /** VOICECRAFT_API_KEY is not a usable key: our configuration, not the caller's fault. */
  | "SECRET_UNUSABLE"
  | "ID_MALFORMED"
  | "TIMESTAMP_MALFORMED"
  | "TIMESTAMP_OUT_OF_RANGE"
  | "SIGNATURE_MISSING"
  | "SIGNATURE_MISMATCH";

/** The outcome of a check: the delivery id, or why it failed. */
export type InternalWebhookResult =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: InternalWebhookFailure };

const PREFIX = "whsec_";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** The spec asks for keys of 24 to 64 random bytes. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
// No "." in ids: it separates the signed fields, so an id with one could shift bytes
// between the id, the timestamp and the body without changing the signed string.
const ID = /^[A-Za-z0-9_:-]{1,256}$/;
const TIMESTAMP = /^[1-9][0-9]{0,11}$/;

/** A fresh key for VOICECRAFT_API_KEY, in the `whsec_` format the runtime's library reads. */
export function generateInternalWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString("base64")}`;
}

/**
 * True when `secret` is a Standard Webhooks key: `whsec_` (optional) and canonical base64
 * of 24 to 64 bytes. A base64url or truncated value is refused rather than decoded
 * leniently into a different key than the voice runtime would use.
 */
export function isInternalWebhookSecret(secret: string): boolean {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  if (!BASE64.test(encoded)) return false;
  const length = Buffer.from(encoded, "base64").byteLength;
  return length >= MIN_KEY_BYTES && length <= MAX_KEY_BYTES;
}

/**
 * Signs an internal webhook as the voice runtime sends it: the headers to add to the
 * POST of `body`, which must be sent byte for byte as signed. Throws on an unusable
 * secret or an id that does not fit `[A-Za-z0-9_:-]{1,256}`.
 *
 * @example
 * const body = JSON.stringify({ callId, text });
 * const id = `seg_${segmentId}`;
 * const headers = signInternalWebhook({ secret, id, timestamp: new Date(), body });
 * const type = { "content-type": "application/json" };
 * await fetch(url, { method: "POST", headers: { ...headers, ...type }, body });
 */
export function signInternalWebhook(input: {
  secret: string;
  id: string;
  timestamp: Date;
  body: Uint8Array | string;
}): InternalWebhookHeaders {
  const { secret, id, timestamp, body } = input;
  if (!isInternalWebhookSecret(secret)) throw new Error("VOICECRAFT_API_KEY is not a whsec_ key");
  if (!ID.test(id)) throw new Error("webhook id must match [A-Za-z0-9_:-]{1,256}");

  const seconds = Math.floor(timestamp.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(seconds),
    "webhook-signature": new Webhook(secret).sign(id, new Date(seconds * 1000), body),
  };
}

/**
 * Verifies an internal webhook: the id's shape, a timestamp within five minutes of `now`
 * either way, and at least one `v1` signature matching the body. Refusing a delivery id
 * already seen is the handler's job, in the transaction of its side effect.
 *
 * The library's own `verify` reads the wall clock; the clock is a parameter here so that
 * the spec's fixed-time vectors and the stale and future cases are checked exactly.
 */
export function verifyInternalWebhook(input: {
  secret: string;
  headers: { id: string | undefined; timestamp: string | undefined; signature: string | undefined };
  body: Uint8Array;
  now: Date;
}): InternalWebhookResult {
  const { secret, headers, body, now } = input;
  if (!isInternalWebhookSecret(secret)) return { ok: false, reason: "SECRET_UNUSABLE" };

  const id = headers.id ?? "";
  if (!ID.test(id)) return { ok: false, reason: "ID_MALFORMED" };

  const stamp = headers.timestamp?.trim() ?? "";
  if (!TIMESTAMP.test(stamp)) return { ok: false, reason: "TIMESTAMP_MALFORMED" };

  const timestamp = Number(stamp);
  const skew = Math.abs(Math.floor(now.getTime() / 1000) - timestamp);
  if (skew > INTERNAL_WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: "TIMESTAMP_OUT_OF_RANGE" };
  }

  const header = headers.signature?.trim();
  if (!header) return { ok: false, reason: "SIGNATURE_MISSING" };

  const expected = new Webhook(secret).sign(id, new Date(timestamp * 1000), body);
  // Several signatures are allowed (key rotation); entries of another version are
  // skipped, and each v1 entry is compared as text, in constant time.
  const matched = header
    .split(" ")
    .some((entry) => entry.startsWith("v1,") && safeEqualText(entry, expected));
  if (!matched) return { ok: false, reason: "SIGNATURE_MISMATCH" };

  return { ok: true, id, timestamp };
}
