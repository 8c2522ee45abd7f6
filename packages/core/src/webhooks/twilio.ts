import { createHash, createHmac } from "node:crypto";
import { parse, stringify } from "node:querystring";
import { safeEqualText } from "./compare.ts";

// Twilio request validation ("Webhooks security", and twilio-node's `validateRequest` and
// `validateRequestWithBody` in src/webhooks/webhooks.ts, which this follows where the
// prose is silent). `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed by the account's
// auth token, of the full URL Twilio requested followed by every POST parameter, sorted
// by name, each name then its value with no delimiter. A JSON body is not signed as
// parameters: Twilio adds `bodySHA256=<hex SHA-256 of the body>` to the query string and
// signs the URL alone.
//
// Nothing in the scheme carries a time or a delivery id, so a captured request replays
// as valid; handlers stay idempotent by content (CallSid and status), see `eventId` in
// the functions' verifier.
//
// Not supported: Webhooks Rules signing with a SharedKey (HMAC-SHA256, announced by the
// `X-Twilio-Webhooks-Signature-Settings` header). Such a request fails as a mismatch,
// closed, until we configure SharedKeys.

/** The header Twilio signs every webhook with, lower-cased. */
export const TWILIO_SIGNATURE_HEADER = "x-twilio-signature";

/** Why a Twilio request was refused; logged, never shown to the caller. */
export type TwilioFailure =
  | "SIGNATURE_MISSING"
  | "URL_INVALID"
  | "SIGNATURE_MISMATCH"
  | "BODY_HASH_MISMATCH";

/** The outcome of a check. */
export type TwilioResult = { ok: true } | { ok: false; reason: TwilioFailure };

/** POST parameters as Twilio sends them; a repeated name has several values. */
export type TwilioParams =
  | URLSearchParams
  | Readonly<Record<string, string | readonly string[]>>
  | ReadonlyMap<string, readonly string[]>;

/**
 * The `X-Twilio-Signature` Twilio would send for a request to `url` with these POST
 * parameters (none for a GET, or for a JSON body whose URL carries `bodySHA256`). For
 * tests and the call simulator.
 */
export function twilioSignature(authToken: string, url: string, params: TwilioParams = {}): string {
  return hmac(authToken, url + signedParams(toMap(params)));
}

/** The `bodySHA256` query value Twilio adds to the URL of a JSON webhook. */
export function twilioBodyHash(body: Uint8Array | string): string {
  return createHash("sha256").update(body).digest("hex");
}

/**
 * Checks `X-Twilio-Signature` for a request to `url` (the public URL Twilio called,
 * query string included) with this raw body. A form body is read as the POST parameters;
 * when the URL carries `bodySHA256`, the body must hash to it instead.
 */
export function verifyTwilioSignature(input: {
  authToken: string;
  url: string;
  body: Uint8Array;
  signature: string | undefined;
}): TwilioResult {
  const { authToken, url, body, signature } = input;
  if (!authToken) throw new Error("verifyTwilioSignature: no auth token");

  if (!signature) return { ok: false, reason: "SIGNATURE_MISSING" };

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "URL_INVALID" };
  }

  const bodyHash = parsed.searchParams.get("bodySHA256");
  const params = bodyHash === null ? formParams(body) : new Map<string, string[]>();
  const suffix = signedParams(params);

  // Every variant is computed and compared, matched or not, so the time taken does not
  // say which form of the URL was signed.
  let matched = false;
  for (const candidate of urlVariants(url, parsed)) {
    matched = safeEqualText(signature, hmac(authToken, candidate + suffix)) || matched;
  }
  if (!matched) return { ok: false, reason: "SIGNATURE_MISMATCH" };

  // The signature covers the URL, so the hash in it is Twilio's; the body must match it.
  if (bodyHash !== null && !safeEqualText(bodyHash, twilioBodyHash(body))) {
    return { ok: false, reason: "BODY_HASH_MISMATCH" };
  }

  return { ok: true };
}

function hmac(authToken: string, data: string): string {
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/**
 * Names sorted, then for each name its values, de-duplicated and sorted, each appended
 * as name + value. Twilio's prose says only "sorted by name"; repeated names follow
 * twilio-node (`toFormUrlEncodedParam`: `Array.from(new Set(values)).sort()`), whose
 * published vectors (`Digits: ["5678", "1234", "1234"]`) this reproduces.
 */
function signedParams(params: ReadonlyMap<string, readonly string[]>): string {
  let data = "";
  for (const name of [...params.keys()].sort()) {
    for (const value of [...new Set(params.get(name))].sort()) data += name + value;
  }
  return data;
}

function toMap(params: TwilioParams): ReadonlyMap<string, readonly string[]> {
  if (params instanceof Map) return params;
  const map = new Map<string, string[]>();
  const entries =
    params instanceof URLSearchParams
      ? [...params].map(([name, value]) => [name, [value]] as const)
      : Object.entries(params).map(([name, value]) => [name, [value].flat()] as const);
  for (const [name, values] of entries) map.set(name, [...(map.get(name) ?? []), ...values]);
  return map;
}

/** The form body as Twilio's parameters. Any bytes parse; what is not a form won't verify. */
function formParams(body: Uint8Array): Map<string, string[]> {
  return toMap(new URLSearchParams(Buffer.from(body).toString("utf8"))) as Map<string, string[]>;
}

const AUTHORITY = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i;

/**
 * The forms of `url` that Twilio may have signed, as twilio-node tries them: as given
 * without any port and with the scheme's default port (Twilio's back ends differ on
 * whether `:443` is part of the signed URL), then the same after WHATWG normalization
 * (`'` becomes `%27`), and after re-encoding the query as Node's legacy `querystring`
 * does, for back ends that signed an escaped query.
 */
function urlVariants(url: string, parsed: URL): string[] {
  const normalized = parsed.toString();
  const ported = [withoutPort(normalized), withDefaultPort(normalized)];
  return [
    ...new Set([withoutPort(url), withDefaultPort(url), ...ported, ...ported.map(withLegacyQuery)]),
  ];
}

/** Scheme, user info, host, port and the rest, split without normalizing anything. */
function splitUrl(url: string) {
  const match = AUTHORITY.exec(url);
  if (!match) return null;
  const [prefix, scheme = "", authority = ""] = match;
  const userInfoEnd = authority.lastIndexOf("@") + 1;
  const hostAndPort = authority.slice(userInfoEnd);
  // In an IPv6 literal the colons before the closing bracket are not a port.
  const portStart = hostAndPort.indexOf(":", hostAndPort.lastIndexOf("]") + 1);
  const host = portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart);
  return {
    head: scheme + authority.slice(0, userInfoEnd) + host,
    port: portStart === -1 ? "" : hostAndPort.slice(portStart),
    https: scheme.toLowerCase() === "https://",
    rest: url.slice(prefix.length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.head + parts.rest : url;
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  return parts.head + (parts.https ? ":443" : ":80") + parts.rest;
}

function withLegacyQuery(url: string): string {
  const start = url.indexOf("?");
  if (start === -1 || start === url.length - 1) return url;
  return `${url.slice(0, start)}?${stringify(parse(url.slice(start + 1)))}`;
}
