import { createHash, createHmac } from "node:crypto";
import { safeEqual, safeEqualText } from "./compare.ts";

// Meta (WhatsApp Cloud API) webhooks, as "Webhooks – Getting started" describes them:
// a GET verification request when the webhook is configured in the App Dashboard, then
// event notifications POSTed with `X-Hub-Signature-256: sha256=<hex>`, an HMAC-SHA256
// of the payload keyed by the app secret.

/** The header that carries the payload signature. */
export const META_SIGNATURE_HEADER = "x-hub-signature-256";

/** Why a Meta request was refused; logged, never shown to the caller. */
export type MetaFailure =
  | "SIGNATURE_MISSING"
  | "SIGNATURE_MALFORMED"
  | "SIGNATURE_MISMATCH"
  | "NOT_A_SUBSCRIBE_REQUEST"
  | "VERIFY_TOKEN_MISMATCH"
  | "CHALLENGE_MALFORMED";

/** The outcome of a check: what was established, or why it failed. */
export type MetaResult<T> = ({ ok: true } & T) | { ok: false; reason: MetaFailure };

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;
// Meta documents the challenge as an int. Anything printable up to a bound is echoed, as
// Meta's own SDK does; control characters and markup never are.
const CHALLENGE = /^[\x21-\x7e]{1,256}$/;
const MARKUP = /[<>"'&]/;

/**
 * The `X-Hub-Signature-256` value Meta would send for `body`: `sha256=` and the lower-case
 * hex HMAC-SHA256 of the exact bytes, keyed by the app secret. For tests and simulators.
 */
export function metaSignature(appSecret: string, body: Uint8Array | string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/**
 * Checks an event notification's `X-Hub-Signature-256` against the raw body. Meta signs
 * the payload as sent, with non-ASCII characters already escaped as `\uXXXX`, so only the
 * received bytes verify: never a parsed and re-serialized body.
 */
export function verifyMetaSignature(input: {
  appSecret: string;
  body: Uint8Array;
  header: string | undefined;
}): MetaResult<object> {
  const { appSecret, body, header } = input;
  if (!header) return { ok: false, reason: "SIGNATURE_MISSING" };

  const hex = SIGNATURE.exec(header.trim())?.[1];
  if (!hex) return { ok: false, reason: "SIGNATURE_MALFORMED" };

  const expected = createHmac("sha256", appSecret).update(body).digest("hex");
  if (!safeEqualText(hex.toLowerCase(), expected)) {
    return { ok: false, reason: "SIGNATURE_MISMATCH" };
  }
  return { ok: true };
}

/**
 * Answers Meta's verification request (`hub.mode=subscribe`, `hub.verify_token`,
 * `hub.challenge`): when the token is the one set in the App Dashboard, the challenge to
 * echo back as the response body.
 */
export function verifyMetaSubscription(input: {
  verifyToken: string;
  query: Readonly<Record<string, string | undefined>>;
}): MetaResult<{ challenge: string }> {
  const { verifyToken, query } = input;
  if (query["hub.mode"] !== "subscribe") return { ok: false, reason: "NOT_A_SUBSCRIBE_REQUEST" };

  const token = query["hub.verify_token"];
  if (token === undefined || !sameSecret(token, verifyToken)) {
    return { ok: false, reason: "VERIFY_TOKEN_MISMATCH" };
  }

  const challenge = query["hub.challenge"];
  if (challenge === undefined || !CHALLENGE.test(challenge) || MARKUP.test(challenge)) {
    return { ok: false, reason: "CHALLENGE_MALFORMED" };
  }
  return { ok: true, challenge };
}

/**
 * Compares two secrets in constant time. Hashing first makes the lengths equal: unlike a
 * signature's, the verify token's length is not public.
 */
function sameSecret(received: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return safeEqual(digest(received), digest(expected));
}
