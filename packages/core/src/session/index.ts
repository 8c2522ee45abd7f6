import { and, eq, gt, isNull } from "drizzle-orm";
import { errors as joseErrors, jwtVerify, SignJWT } from "jose";
import type { Executor } from "../db/index.ts";
import { createId } from "../util/id.ts";
import { sessions } from "./session.sql.ts";

export { sessions };

/** How long a session lasts without signing in again. */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

const ALGORITHM = "HS256";
const ISSUER = "voicecraft";
const AUDIENCE = "voicecraft:session";

/**
 * The keys that sign session JWTs. The first signs; all of them verify, so a new key
 * can be put in front and the old one removed once its sessions have expired.
 */
export interface SessionKeys {
  current: { kid: string; key: Uint8Array };
  byKid: ReadonlyMap<string, Uint8Array>;
}

/**
 * Parses `SESSION_SIGNING_KEYS`: comma-separated `kid:base64url` pairs, newest first.
 * Each key must be at least 256 bits, as HS256 requires.
 */
export function parseSessionKeys(value: string): SessionKeys {
  const byKid = new Map<string, Uint8Array>();
  let current: SessionKeys["current"] | undefined;
  for (const entry of value.split(",")) {
    const [kid, encoded, ...rest] = entry.trim().split(":");
    if (!kid || !encoded || rest.length > 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
      throw new Error("SESSION_SIGNING_KEYS must be comma-separated kid:base64url pairs");
    }
    const key = new Uint8Array(Buffer.from(encoded, "base64url"));
    if (key.byteLength < 32) throw new Error(`session key ${kid} is shorter than 256 bits`);
    if (byKid.has(kid)) throw new Error(`session key id ${kid} appears twice`);
    byKid.set(kid, key);
    current ??= { kid, key };
  }
  if (!current) throw new Error("SESSION_SIGNING_KEYS is empty");
  return { current, byKid };
}

/** Who a valid session token belongs to. */
export interface SessionIdentity {
  sessionId: string;
  userId: string;
}

export interface CreateSessionInput {
  userId: string;
  ip?: string | null;
  userAgent?: string | null;
  now?: Date;
}

/** Starts a session: a row to revoke it by, and the signed token naming that row. */
export async function createSession(
  db: Executor,
  keys: SessionKeys,
  input: CreateSessionInput,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_SECONDS * 1000);
  const sessionId = createId();
  await db.insert(sessions).values({
    id: sessionId,
    userId: input.userId,
    createdAt: now,
    expiresAt,
    ip: input.ip ?? null,
    userAgent: input.userAgent?.slice(0, 512) ?? null,
  });
  const token = await new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: ALGORITHM, kid: keys.current.kid, typ: "JWT" })
    .setSubject(input.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now.getTime() / 1000))
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keys.current.key);
  return { token, sessionId, expiresAt };
}

/**
 * The identity behind a session token, or null. A token is accepted only if its
 * signature verifies under a known key, it has not expired, and its session row exists,
 * has not expired and has not been revoked. The database check is what makes sign-out
 * and password reset take effect immediately (AU3).
 */
export async function verifySession(
  db: Executor,
  keys: SessionKeys,
  token: string,
  now: Date = new Date(),
): Promise<SessionIdentity | null> {
  let sessionId: unknown;
  let userId: string | undefined;
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid ? keys.byKid.get(header.kid) : undefined;
        if (!key) throw new joseErrors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        currentDate: now,
        requiredClaims: ["sub", "sid", "exp"],
      },
    );
    sessionId = payload.sid;
    userId = payload.sub;
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }

  if (typeof sessionId !== "string" || !userId) return null;

  const [row] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.id, sessionId),
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, now),
      ),
    );
  return row ? { sessionId, userId } : null;
}

/** Ends one session; its token stops working on the next request. */
export async function revokeSession(db: Executor, sessionId: string, now = new Date()) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
