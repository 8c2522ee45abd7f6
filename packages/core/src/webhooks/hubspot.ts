import { createHmac } from "node:crypto";
import { safeEqualText } from "./compare.ts";

// HubSpot request signatures, version 3 ("Validating requests", section "Validate the v3
// request signature"). `X-HubSpot-Signature-v3` is the base64 HMAC-SHA256, keyed by the
// app's client secret, of the UTF-8 string method + URI + body + timestamp, where the
// timestamp is `X-HubSpot-Request-Timestamp` (unix milliseconds) and the URI is the full
// URL HubSpot called with the URL-encoded characters of HubSpot's table decoded. HubSpot
// says to reject a timestamp older than five minutes; one more than five minutes ahead is
// refused too, since no clock we trust runs that far ahead of ours.
//
// The v1 and v2 signatures HubSpot still sends alongside carry no timestamp and are not
// accepted: a request without a valid v3 signature fails.

/** The headers HubSpot signs every request with, lower-cased. */
export const HUBSPOT_SIGNATURE_HEADER = "x-hubspot-signature-v3";
export const HUBSPOT_TIMESTAMP_HEADER = "x-hubspot-request-timestamp";

/** HubSpot's limit on a request's age, in milliseconds (`MAX_ALLOWED_TIMESTAMP`). */
export const HUBSPOT_MAX_AGE_MS = 300_000;

/** Why a HubSpot request was refused; logged, never shown to the caller. */
export type HubSpotFailure =
  | "SIGNATURE_MISSING"
  | "TIMESTAMP_MISSING"
  | "TIMESTAMP_MALFORMED"
  | "TIMESTAMP_OUT_OF_WINDOW"
  | "SIGNATURE_MISMATCH";

/** The outcome of a check. */
export type HubSpotResult = { ok: true } | { ok: false; reason: HubSpotFailure };

/** One signed request, as HubSpot sees it. */
export interface HubSpotRequest {
  method: string;
  /** The full URL HubSpot called, query string included, as received (still encoded). */
  uri: string;
  body: Uint8Array | string;
  /** `X-HubSpot-Request-Timestamp`, exactly as sent. */
  timestamp: string;
}

// HubSpot's table of the encoded characters to decode before signing; every other
// escape stays as it is. Hex digits are matched in either case, as RFC 3986 makes them
// equivalent.
const DECODED: Readonly<Record<string, string>> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};
const ENCODED = /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi;

// Fifteen digits of milliseconds reach the year 33658.
const TIMESTAMP = /^\d{1,15}$/;

/** The URI as HubSpot signs it: the characters in HubSpot's table decoded, no others. */
export function hubspotSignedUri(uri: string): string {
  return uri.replace(ENCODED, (encoded) => DECODED[encoded.toUpperCase()] ?? encoded);
}

/** The `X-HubSpot-Signature-v3` HubSpot would send for this request. For tests. */
export function hubspotSignature(clientSecret: string, request: HubSpotRequest): string {
  return createHmac("sha256", clientSecret)
    .update(request.method + hubspotSignedUri(request.uri))
    .update(request.body)
    .update(request.timestamp)
    .digest("base64");
}

/**
 * Checks `X-HubSpot-Signature-v3` and `X-HubSpot-Request-Timestamp` against the method,
 * the URL HubSpot called, and the raw body, at `now`.
 */
export function verifyHubSpotSignature(input: {
  clientSecret: string;
  method: string;
  uri: string;
  body: Uint8Array;
  signature: string | undefined;
  timestamp: string | undefined;
  now: Date;
}): HubSpotResult {
  const { clientSecret, signature, timestamp, now } = input;
  if (!clientSecret) throw new Error("verifyHubSpotSignature: no client secret");

  if (!signature) return { ok: false, reason: "SIGNATURE_MISSING" };

  if (!timestamp) return { ok: false, reason: "TIMESTAMP_MISSING" };

  if (!TIMESTAMP.test(timestamp)) return { ok: false, reason: "TIMESTAMP_MALFORMED" };

  if (Math.abs(now.getTime() - Number(timestamp)) > HUBSPOT_MAX_AGE_MS) {
    return { ok: false, reason: "TIMESTAMP_OUT_OF_WINDOW" };
  }

  const expected = hubspotSignature(clientSecret, { ...input, timestamp });
  if (!safeEqualText(signature, expected)) return { ok: false, reason: "SIGNATURE_MISMATCH" };

  return { ok: true };
}
