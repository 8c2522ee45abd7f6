import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify } from "jose";
import { array, looseObject, type output, string, url } from "zod";
import type { Database, Executor } from "../db/index.ts";
import { createOrganization } from "../org/index.ts";
import { sessions } from "../session/session.sql.ts";
import { users } from "../user/user.sql.ts";
import { isUniqueViolation } from "../util/db-errors.ts";
import { type ErrorKind, VisibleError } from "../util/errors.ts";
import { createId, isId } from "../util/id.ts";
import { oauthFlows, userIdentities } from "./auth.sql.ts";

// "Sign in with Google" as an OpenID Connect relying party (AU1): discovery, an
// authorization URL with state, nonce and PKCE, one token request, and an id_token
// verified with jose against the issuer's JWKS.
//
// Why fetch + jose and not a client library: the whole flow is one discovery document,
// one form POST and one JWT verification, and the claim asks for that verification to be
// jose's against the JWKS. `openid-client` and `oauth4webapi` (both by jose's author) do
// the same steps, but they validate the id_token with their own code, so using them would
// mean verifying twice or not verifying with jose; either way one more dependency in the
// sign-in path. What they would add (mTLS, DPoP, PAR, JARM) Google does not use here.

/** Google's issuer, the default of `GOOGLE_ISSUER`. */
export const GOOGLE_ISSUER = "https://accounts.google.com";

/** How long a started sign-in stays usable; the flow cookie lives exactly as long. */
export const GOOGLE_FLOW_TTL_SECONDS = 10 * 60;

const PROVIDER = "google";
const SCOPE = "openid email profile";
/** The signature algorithms accepted on an id_token, when the issuer advertises them. */
const ALGORITHMS = ["RS256", "ES256"];
/** Seconds of clock skew tolerated between Google's clock and ours on `exp` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;
const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const HTTP_TIMEOUT_MS = 5_000;

/** Where the relying party stands: what the authorization request needs. */
export interface GoogleClientConfig {
  /** Exactly as the discovery document states it (`https://accounts.google.com`). */
  issuer: string;
  clientId: string;
  /** The callback URL registered with the provider, byte for byte. */
  redirectUri: string;
}

/** The client configuration plus the secret the token request authenticates with. */
export interface GoogleConfig extends GoogleClientConfig {
  clientSecret: string;
}

/**
 * Why a Google sign-in stopped. Recorded on the AuthEvent and in the log; the browser
 * only ever sees the `code` of the error, which does not say which check failed.
 */
export type GoogleFailureReason =
  | "PROVIDER_UNAVAILABLE"
  | "FLOW_MISSING"
  | "FLOW_INVALID"
  | "FLOW_EXPIRED"
  | "FLOW_REPLAYED"
  | "TOKEN_EXCHANGE_FAILED"
  | "ID_TOKEN_INVALID"
  | "NONCE_MISMATCH"
  | "EMAIL_UNVERIFIED";

const VISIBLE: Record<GoogleFailureReason, [ErrorKind, string, string]> = {
  PROVIDER_UNAVAILABLE: [
    "unavailable",
    "GOOGLE_UNAVAILABLE",
    "Google sign-in is unavailable right now. Try again in a moment.",
  ],
  EMAIL_UNVERIFIED: [
    "forbidden",
    "GOOGLE_EMAIL_UNVERIFIED",
    "Google has not verified this account's email address.",
  ],
  FLOW_MISSING: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
  FLOW_INVALID: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
  FLOW_EXPIRED: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
  FLOW_REPLAYED: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
  TOKEN_EXCHANGE_FAILED: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
  ID_TOKEN_INVALID: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
  NONCE_MISMATCH: ["unauthenticated", "GOOGLE_FAILED", "Google sign-in failed. Try again."],
};

/**
 * A refused Google sign-in. `code` is one of `GOOGLE_FAILED`, `GOOGLE_EMAIL_UNVERIFIED`
 * and `GOOGLE_UNAVAILABLE`; `reason` names the check, for the audit trail only.
 */
export class GoogleSignInError extends VisibleError {
  readonly reason: GoogleFailureReason;

  constructor(reason: GoogleFailureReason, options?: { cause?: unknown }) {
    const [kind, code, message] = VISIBLE[reason];
    super(kind, code, message);
    this.reason = reason;
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The part of an OpenID Provider's discovery document this flow relies on. */
export const ProviderMetadata = looseObject({
  issuer: string(),
  authorization_endpoint: url(),
  token_endpoint: url(),
  jwks_uri: url(),
  id_token_signing_alg_values_supported: array(string()),
  token_endpoint_auth_methods_supported: array(string()).optional(),
  code_challenge_methods_supported: array(string()).optional(),
});
export type ProviderMetadata = output<typeof ProviderMetadata>;

const discovered = new Map<string, { metadata: Promise<ProviderMetadata>; expiresAt: number }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const unavailable = (cause: unknown) => new GoogleSignInError("PROVIDER_UNAVAILABLE", { cause });

/**
 * The issuer's discovery document, fetched once per process and kept for an hour. The
 * document must name the configured issuer exactly (OpenID Connect Discovery 1.0 §4.3),
 * so a misrouted URL cannot hand us another provider's endpoints and keys.
 */
export async function discoverProvider(issuer: string): Promise<ProviderMetadata> {
  const cached = discovered.get(issuer);
  if (cached && cached.expiresAt > Date.now()) return cached.metadata;

  const metadata = fetchMetadata(issuer);
  discovered.set(issuer, { metadata, expiresAt: Date.now() + DISCOVERY_TTL_MS });
  // A failure is not cached: the next sign-in asks again.
  metadata.catch(() => {
    if (discovered.get(issuer)?.metadata === metadata) discovered.delete(issuer);
  });
  return metadata;
}

async function fetchMetadata(issuer: string): Promise<ProviderMetadata> {
  const allowHttp = isLoopbackHttp(issuer);
  if (!allowHttp && !issuer.startsWith("https://")) {
    throw unavailable(new Error("the issuer must be an https URL"));
  }

  let body: unknown;
  try {
    const response = await fetch(`${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`, {
      headers: { accept: "application/json" },
      redirect: "error",
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`discovery answered ${response.status}`);
    body = await response.json();
  } catch (error) {
    throw unavailable(error);
  }

  const parsed = ProviderMetadata.safeParse(body);
  if (!parsed.success) throw unavailable(parsed.error);
  const metadata = parsed.data;

  if (metadata.issuer !== issuer) {
    throw unavailable(new Error("the discovery document names another issuer"));
  }

  // Only a loopback test provider may use plain http; tokens and keys travel over TLS.
  const endpoints = [metadata.authorization_endpoint, metadata.token_endpoint, metadata.jwks_uri];
  if (!allowHttp && endpoints.some((endpoint) => !endpoint.startsWith("https://"))) {
    throw unavailable(new Error("a discovered endpoint is not https"));
  }

  // Absent means unspecified (Google lists it); present without S256 means no PKCE.
  const challenges = metadata.code_challenge_methods_supported;
  if (challenges && !challenges.includes("S256")) {
    throw unavailable(new Error("the issuer does not support PKCE with S256"));
  }
  return metadata;
}

function isLoopbackHttp(issuer: string): boolean {
  try {
    const { protocol, hostname } = new URL(issuer);
    return protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(hostname);
  } catch {
    return false;
  }
}

const random = () => randomBytes(32).toString("base64url");
const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

/** A started sign-in: the flow id for the browser's cookie and where to send the browser. */
export interface StartedGoogleFlow {
  flowId: string;
  url: string;
  expiresAt: Date;
}

/**
 * Starts a sign-in: stores a flow (state as its SHA-256, since the state travels in URLs;
 * the nonce and the PKCE verifier, which never leave the server) and builds the
 * authorization URL. The caller puts `flowId` in an HttpOnly cookie; the callback must
 * bring back both that cookie and the state, so a code obtained in one browser cannot be
 * redeemed in another (login CSRF).
 */
export async function startGoogleFlow(
  db: Executor,
  config: GoogleClientConfig,
  now: Date,
): Promise<StartedGoogleFlow> {
  const metadata = await discoverProvider(config.issuer);

  const flowId = createId();
  const state = random();
  const nonce = random();
  const codeVerifier = random();
  const expiresAt = new Date(now.getTime() + GOOGLE_FLOW_TTL_SECONDS * 1000);
  await db.insert(oauthFlows).values({
    id: flowId,
    provider: PROVIDER,
    stateHash: sha256Hex(state),
    nonce,
    codeVerifier,
    expiresAt,
    createdAt: now,
  });

  const url = new URL(metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: SCOPE,
    state,
    nonce,
    code_challenge: createHash("sha256").update(codeVerifier).digest("base64url"),
    code_challenge_method: "S256",
    // Google otherwise signs in silently with whichever account the browser last used.
    prompt: "select_account",
  }).toString();
  return { flowId, url: url.toString(), expiresAt };
}

/** What the callback brings back: the flow cookie and the query of the redirect. */
export interface GoogleCallback {
  flowId: string | undefined;
  state: string | undefined;
  code: string | undefined;
}

/** Who signed in, and whether this sign-in created the account or linked an existing one. */
export interface GoogleSignIn {
  userId: string;
  /** The organization created with a new account, which the user owns. */
  orgId: string | null;
  created: boolean;
  linked: boolean;
}

/**
 * Completes a sign-in. In order: the flow must exist for this cookie and this state, be
 * unused and unexpired, and is spent by the same statement that checks it; the code is
 * exchanged with the PKCE verifier; the id_token must verify against the issuer's JWKS
 * and carry the flow's nonce and a verified email. Then the account is found, linked or
 * created. Throws `GoogleSignInError`; nothing is written to users on any failure.
 */
export async function finishGoogleFlow(
  db: Database,
  config: GoogleConfig,
  callback: GoogleCallback,
  now: Date,
): Promise<GoogleSignIn> {
  const flow = await spendFlow(db, callback, now);

  const metadata = await discoverProvider(config.issuer);
  const idToken = await exchangeCode(metadata, config, callback.code ?? "", flow.codeVerifier);
  const claims = await verifyIdToken(metadata, config, idToken, now);

  if (claims.nonce !== flow.nonce) throw new GoogleSignInError("NONCE_MISMATCH");

  // Linking by email and creating an account both rest on Google vouching for the email.
  if (claims.email_verified !== true) throw new GoogleSignInError("EMAIL_UNVERIFIED");

  return resolveUser(db, claims, now);
}

async function spendFlow(db: Executor, callback: GoogleCallback, now: Date) {
  const { flowId, state, code } = callback;
  // Checked before any SQL: a cookie that is not a uuid would fail the query's cast.
  if (!flowId || !isId(flowId) || !state || !code) throw new GoogleSignInError("FLOW_MISSING");

  const stateHash = sha256Hex(state);
  // One conditional UPDATE checks and spends the flow: under concurrent replays of the
  // same callback the row lock lets exactly one of them see `used_at` still null.
  const [spent] = await db
    .update(oauthFlows)
    .set({ usedAt: now })
    .where(
      and(
        eq(oauthFlows.id, flowId),
        eq(oauthFlows.stateHash, stateHash),
        eq(oauthFlows.provider, PROVIDER),
        isNull(oauthFlows.usedAt),
        gt(oauthFlows.expiresAt, now),
      ),
    )
    .returning({ nonce: oauthFlows.nonce, codeVerifier: oauthFlows.codeVerifier });
  if (spent) return spent;

  // Only to name the reason in the audit trail; the browser gets the same code for all.
  const [row] = await db
    .select({ usedAt: oauthFlows.usedAt, expiresAt: oauthFlows.expiresAt })
    .from(oauthFlows)
    .where(
      and(
        eq(oauthFlows.id, flowId),
        eq(oauthFlows.stateHash, stateHash),
        eq(oauthFlows.provider, PROVIDER),
      ),
    );
  if (!row) throw new GoogleSignInError("FLOW_INVALID");
  if (row.usedAt) throw new GoogleSignInError("FLOW_REPLAYED");
  throw new GoogleSignInError("FLOW_EXPIRED");
}

async function exchangeCode(
  metadata: ProviderMetadata,
  config: GoogleConfig,
  code: string,
  codeVerifier: string,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: config.redirectUri,
    code_verifier: codeVerifier,
  });
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded",
  };
  // RFC 6749 §2.3.1: Basic is the default; the credentials are form-encoded before base64.
  const methods = metadata.token_endpoint_auth_methods_supported ?? ["client_secret_basic"];
  if (methods.includes("client_secret_post")) {
    form.set("client_id", config.clientId);
    form.set("client_secret", config.clientSecret);
  } else {
    const user = encodeURIComponent(config.clientId);
    const password = encodeURIComponent(config.clientSecret);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  }

  let response: Response;
  try {
    response = await fetch(metadata.token_endpoint, {
      method: "POST",
      headers,
      body: form,
      redirect: "error",
      signal: AbortSignal.timeout(HTTP_TIMEOUT_MS),
    });
  } catch (error) {
    throw unavailable(error);
  }

  if (response.status >= 500) {
    throw unavailable(new Error(`the token endpoint answered ${response.status}`));
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new GoogleSignInError("TOKEN_EXCHANGE_FAILED", { cause: error });
  }
  if (!response.ok) {
    // The provider's error code only (`invalid_grant` …): its description may echo input.
    const error = (body as { error?: unknown } | null)?.error;
    const named = typeof error === "string" ? error.replace(/[^\w.-]/g, "").slice(0, 64) : "";
    const cause = new Error(`the token endpoint answered ${response.status} ${named}`.trim());
    throw new GoogleSignInError("TOKEN_EXCHANGE_FAILED", { cause });
  }

  const idToken = (body as { id_token?: unknown } | null)?.id_token;
  if (typeof idToken !== "string") throw new GoogleSignInError("TOKEN_EXCHANGE_FAILED");
  return idToken;
}

interface GoogleClaims extends JWTPayload {
  sub: string;
  nonce?: unknown;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
}

async function verifyIdToken(
  metadata: ProviderMetadata,
  config: GoogleConfig,
  idToken: string,
  now: Date,
): Promise<GoogleClaims> {
  const algorithms = ALGORITHMS.filter((alg) =>
    metadata.id_token_signing_alg_values_supported.includes(alg),
  );
  if (algorithms.length === 0) throw unavailable(new Error("no supported id_token algorithm"));

  let jwks = keySets.get(metadata.jwks_uri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: HTTP_TIMEOUT_MS });
    keySets.set(metadata.jwks_uri, jwks);
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, jwks, {
      issuer: metadata.issuer,
      audience: config.clientId,
      algorithms,
      currentDate: now,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ["sub", "iat", "exp", "nonce"],
    }));
  } catch (error) {
    // A JWKS that cannot be fetched is the provider's outage, not a bad token.
    if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
      throw unavailable(error);
    }
    throw new GoogleSignInError("ID_TOKEN_INVALID", { cause: error });
  }

  // OpenID Connect Core §3.1.3.7: with several audiences, `azp` must name us.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== config.clientId) {
    throw new GoogleSignInError("ID_TOKEN_INVALID");
  }
  if (typeof payload.sub !== "string" || payload.sub.length === 0 || payload.sub.length > 255) {
    throw new GoogleSignInError("ID_TOKEN_INVALID");
  }
  return payload as GoogleClaims;
}

async function resolveUser(db: Database, claims: GoogleClaims, now: Date): Promise<GoogleSignIn> {
  const email = typeof claims.email === "string" ? claims.email.trim() : "";
  if (email.length === 0 || email.length > 254 || !email.includes("@")) {
    throw new GoogleSignInError("ID_TOKEN_INVALID");
  }
  const claimed = typeof claims.name === "string" ? claims.name.trim().slice(0, 100) : "";
  const identity = { subject: claims.sub, email, name: claimed || email };

  try {
    return await db.transaction((tx) => findLinkOrCreate(tx, identity, now));
  } catch (error) {
    // A concurrent first sign-in of the same account or email won the insert; the retry
    // finds what it created.
    const raced =
      isUniqueViolation(error, "user_identities_provider_subject_pk") ||
      isUniqueViolation(error, "users_email_key");
    if (!raced) throw error;
    return db.transaction((tx) => findLinkOrCreate(tx, identity, now));
  }
}

async function findLinkOrCreate(
  tx: Executor,
  identity: { subject: string; email: string; name: string },
  now: Date,
): Promise<GoogleSignIn> {
  const [known] = await tx
    .select({ userId: userIdentities.userId })
    .from(userIdentities)
    .where(
      and(eq(userIdentities.provider, PROVIDER), eq(userIdentities.subject, identity.subject)),
    );
  if (known) return { userId: known.userId, orgId: null, created: false, linked: false };

  const [existing] = await tx
    .select({ id: users.id, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(sql`lower(${users.email})`, identity.email.toLowerCase()));

  if (existing) {
    await tx.insert(userIdentities).values({
      provider: PROVIDER,
      subject: identity.subject,
      userId: existing.id,
      email: identity.email,
      createdAt: now,
    });
    if (!existing.emailVerifiedAt) {
      // Account pre-hijacking: anyone could have signed up with this address and set the
      // password without ever proving the mailbox. Google has now proved it, so the
      // unproven password and any session it opened are dropped; the owner can set a
      // password through "forgot password".
      await tx
        .update(users)
        .set({ emailVerifiedAt: now, passwordHash: null, updatedAt: now })
        .where(eq(users.id, existing.id));
      await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.userId, existing.id), isNull(sessions.revokedAt)));
    }
    return { userId: existing.id, orgId: null, created: false, linked: true };
  }

  const userId = createId();
  await tx.insert(users).values({
    id: userId,
    email: identity.email,
    name: identity.name,
    emailVerifiedAt: now,
    createdAt: now,
  });
  const orgId = await createOrganization(tx, {
    name: `${identity.name}'s organization`,
    ownerUserId: userId,
  });
  await tx.insert(userIdentities).values({
    provider: PROVIDER,
    subject: identity.subject,
    userId,
    email: identity.email,
    createdAt: now,
  });
  return { userId, orgId, created: true, linked: false };
}
