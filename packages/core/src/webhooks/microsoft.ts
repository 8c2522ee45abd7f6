import { createHash } from "node:crypto";
import { createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";
import { safeEqual } from "./compare.ts";

// Microsoft Graph change notifications delivered to a webhook, per "Receive change
// notifications through webhooks" and "Set up change notifications that include resource
// data":
// - creating a subscription makes Graph POST `?validationToken=…` to the URL, answered
//   within 10 s with 200, text/plain, the URL-decoded token;
// - every notification item carries the `clientState` we set on the subscription;
// - rich notifications (with resource data) also carry `validationTokens`: JWTs issued by
//   the Microsoft identity platform to our app, on behalf of Graph's change-notification
//   publisher, one per app and tenant in the batch.

/** The app id of Microsoft Graph's change-notification publisher (`appid`, or `azp` in v2). */
export const GRAPH_PUBLISHER_APP_ID = "0bf30f3b-4a52-48df-9a82-234910c4a086";

/** Microsoft identity platform signing keys, as Graph's validation samples fetch them. */
export const MICROSOFT_JWKS_URL = "https://login.microsoftonline.com/common/discovery/v2.0/keys";

/**
 * Graph retries a notification that gets no 2xx within 3 s, so a key fetch gives up well
 * before that and the delivery is answered "unavailable" and retried.
 */
const KEY_FETCH_TIMEOUT_MS = 2_000;

const keySets = new Map<string, JWTVerifyGetKey>();

/**
 * The signing keys published at `url` (Microsoft's by default), one cached set per URL
 * and process: jose keeps them 10 minutes and refetches on an unknown `kid` at most
 * every 30 seconds, which follows Microsoft's daily key rotation.
 */
export function microsoftSigningKeys(url: string = MICROSOFT_JWKS_URL): JWTVerifyGetKey {
  let keys = keySets.get(url);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(url), { timeoutDuration: KEY_FETCH_TIMEOUT_MS });
    keySets.set(url, keys);
  }
  return keys;
}

/** Why a Graph request was refused; logged, never shown to the caller. */
export type GraphFailure =
  | "HANDSHAKE_TOKEN_MALFORMED"
  | "BODY_MALFORMED"
  | "CLIENT_STATE_MISMATCH"
  /** Rich notifications arrived without the JWTs that vouch for them. */
  | "JWT_MISSING"
  | "JWT_INVALID"
  /** A rich item's tenant is not the tenant of any valid JWT in the batch. */
  | "JWT_TENANT_NOT_COVERED"
  /** No app id configured to check the JWTs' audience against: our configuration. */
  | "APP_ID_UNSET"
  /** Microsoft's signing keys could not be fetched: worth a retry, not the caller's fault. */
  | "KEYS_UNAVAILABLE";

/** The outcome of a check: what was established, or why it failed. */
export type GraphResult<T> = ({ ok: true } & T) | { ok: false; reason: GraphFailure };

/** Seconds of clock skew tolerated on the JWTs' `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 300;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Graph treats the handshake token as opaque and promises it never holds markup; control
// characters and markup are refused, so the echo can never be anything but text.
const HANDSHAKE_TOKEN = /^[^\p{Cc}<>]{1,4096}$/u;

/**
 * The token to echo for Graph's notification URL validation: the `validationToken` query
 * parameter, already URL-decoded by the caller, when it is plain text.
 */
export function graphHandshake(validationToken: string): GraphResult<{ challenge: string }> {
  if (!HANDSHAKE_TOKEN.test(validationToken)) {
    return { ok: false, reason: "HANDSHAKE_TOKEN_MALFORMED" };
  }
  return { ok: true, challenge: validationToken };
}

/**
 * Verifies a change notification POST (a changeNotificationCollection): every item's
 * `clientState` equals ours, or the whole batch is refused; then, when the batch carries
 * `validationTokens`, every JWT is verified against `keys`, and every item with
 * `encryptedContent` must belong to the tenant of a valid JWT.
 *
 * The cheap, secret check comes first, so a caller without the client state never makes
 * us fetch keys or verify a signature.
 */
export async function verifyGraphNotifications(input: {
  body: Uint8Array;
  clientState: string;
  /** Our Entra app id: the audience of the JWTs. Needed only for rich notifications. */
  appId: string | undefined;
  /** Microsoft's signing keys: `microsoftSigningKeys()`. */
  keys: JWTVerifyGetKey;
  now: Date;
}): Promise<GraphResult<{ count: number }>> {
  const { clientState, appId, keys, now } = input;
  const batch = parseBatch(input.body);
  if (!batch) return { ok: false, reason: "BODY_MALFORMED" };

  // The client state is a shared secret of any length: its digests are compared, so the
  // timing says nothing about it, not even its length.
  const expected = digest(clientState);
  for (const item of batch.items) {
    if (!safeEqual(digest(item.clientState), expected)) {
      return { ok: false, reason: "CLIENT_STATE_MISMATCH" };
    }
  }

  const richTenants = batch.items.filter((item) => item.rich).map((item) => item.tenantId);
  if (!batch.tokens) {
    return richTenants.length > 0 ? { ok: false, reason: "JWT_MISSING" } : okCount(batch);
  }

  if (!appId) return { ok: false, reason: "APP_ID_UNSET" };

  const tenants = new Set<string>();
  for (const token of batch.tokens) {
    const checked = await verifyValidationToken(token, { appId, keys, now });
    if (!checked.ok) return checked;
    tenants.add(checked.tenantId);
  }

  if (richTenants.some((tenant) => tenant === null || !tenants.has(tenant))) {
    return { ok: false, reason: "JWT_TENANT_NOT_COVERED" };
  }
  return okCount(batch);
}

interface Item {
  clientState: string;
  /** Lower-case tenant GUID, or null when the item names none. */
  tenantId: string | null;
  /** Carries resource data (`encryptedContent`), so a JWT must vouch for its tenant. */
  rich: boolean;
}

interface Batch {
  items: Item[];
  tokens: string[] | null;
}

/** The fields the checks need, or null when the body is not a notification collection. */
function parseBatch(body: Uint8Array): Batch | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return null;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.value) || parsed.value.length === 0) {
    return null;
  }

  const items: Item[] = [];
  for (const entry of parsed.value) {
    if (!isRecord(entry) || typeof entry.clientState !== "string") return null;
    const tenantId = typeof entry.tenantId === "string" ? entry.tenantId.toLowerCase() : null;
    items.push({
      clientState: entry.clientState,
      tenantId,
      rich: entry.encryptedContent !== undefined,
    });
  }

  const { validationTokens } = parsed;
  if (validationTokens === undefined) return { items, tokens: null };
  if (
    !Array.isArray(validationTokens) ||
    validationTokens.length === 0 ||
    !validationTokens.every((token) => typeof token === "string")
  ) {
    return null;
  }
  return { items, tokens: validationTokens as string[] };
}

/** Marks failures of the key source, so they are told apart from a bad token. */
class KeysUnavailable extends Error {}

/**
 * One validation JWT, checked as Graph's docs list it: signed by a Microsoft identity
 * platform key, not expired, audience our app id, issued by the tenant it names, and
 * obtained by Graph's change-notification publisher. Returns the tenant it vouches for.
 */
async function verifyValidationToken(
  token: string,
  options: { appId: string; keys: JWTVerifyGetKey; now: Date },
): Promise<GraphResult<{ tenantId: string }>> {
  const { appId, keys, now } = options;
  const resolveKey: JWTVerifyGetKey = async (header, jws) => {
    try {
      return await keys(header, jws);
    } catch (error) {
      // An unknown `kid` is the token's problem; a key set that cannot be had is ours.
      if (error instanceof errors.JWKSNoMatchingKey) throw error;
      if (error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeysUnavailable("signing keys unavailable", { cause: error });
    }
  };

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, resolveKey, {
      algorithms: ["RS256"],
      audience: appId,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["exp", "iss", "tid"],
    }));
  } catch (error) {
    if (error instanceof KeysUnavailable) return { ok: false, reason: "KEYS_UNAVAILABLE" };
    return { ok: false, reason: "JWT_INVALID" };
  }

  const { tid, ver } = payload;
  if (typeof tid !== "string" || !GUID.test(tid)) return { ok: false, reason: "JWT_INVALID" };

  // v1.0 tokens (what Graph issues today) name the publisher in `appid`; v2.0 in `azp`.
  const v2 = ver === "2.0";
  const issuer = v2
    ? `https://login.microsoftonline.com/${tid}/v2.0`
    : `https://sts.windows.net/${tid}/`;
  if (payload.iss !== issuer) return { ok: false, reason: "JWT_INVALID" };

  const publisher = v2 ? payload.azp : payload.appid;
  if (publisher !== GRAPH_PUBLISHER_APP_ID) return { ok: false, reason: "JWT_INVALID" };

  return { ok: true, tenantId: tid.toLowerCase() };
}

function okCount(batch: Batch): GraphResult<{ count: number }> {
  return { ok: true, count: batch.items.length };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
