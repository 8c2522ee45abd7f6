import {
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  timingSafeEqual,
} from "node:crypto";
import { and, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import { type RequestOrigin, recordAuthEvent } from "../audit/events.ts";
import type { Database, Executor } from "../db/index.ts";
import type { Mailer } from "../email/index.ts";
import {
  passwordChanged,
  passwordReset,
  signUpAttempt,
  verificationCode,
} from "../email/templates.ts";
import { createOrganization } from "../org/index.ts";
import { sessions } from "../session/session.sql.ts";
import { users } from "../user/user.sql.ts";
import { isUniqueViolation } from "../util/db-errors.ts";
import { VisibleError } from "../util/errors.ts";
import { createId } from "../util/id.ts";
import { emailVerifications, passwordResets } from "./auth.sql.ts";
import { assertAcceptablePassword, dummyHash, type PasswordHasher } from "./password.ts";

export * from "./auth.sql.ts";
export {
  argon2idHasher,
  assertAcceptablePassword,
  CURRENT_PARAMS,
  MIN_PASSWORD_LENGTH,
  type PasswordHasher,
} from "./password.ts";

/** How long a verification code lives, and how many wrong tries it survives. */
export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
/** How long a password reset link works. */
export const RESET_TTL_MS = 30 * 60 * 1000;

/** What the account operations need from outside; tests pass a fast hasher and a clock. */
export interface AuthDeps {
  db: Database;
  hasher: PasswordHasher;
  mailer: Mailer;
  /** Keys the verification-code HMAC; see `codeKeyFrom`. */
  codeKey: Uint8Array;
  /** Where links in emails point: the dashboard's origin. */
  dashboardOrigin: string;
  now(): Date;
}

/**
 * The verification-code key, derived from the session signing key. A 6-digit code has a
 * million values: a plain hash in a leaked table would be reversed in a moment, a keyed
 * one cannot be without the key, which never touches the database.
 */
export function codeKeyFrom(sessionKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", sessionKey, "", "voicecraft:email-verification", 32));
}

const invalidCredentials = () =>
  new VisibleError("unauthenticated", "INVALID_CREDENTIALS", "Wrong email or password.");

const invalidCode = () =>
  new VisibleError(
    "invalid",
    "INVALID_CODE",
    "That code is wrong or has expired. Check the latest email or ask for a new code.",
  );

const invalidToken = () =>
  new VisibleError(
    "invalid",
    "INVALID_TOKEN",
    "This reset link has expired or was already used. Ask for a new one.",
  );

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

async function findUserByEmail(db: Executor, email: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      passwordHash: users.passwordHash,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user;
}

/**
 * Replaces the user's pending code with a new one and returns it. Only the newest code
 * works, so a code from an older email cannot be tried alongside it.
 */
async function issueCode(deps: AuthDeps, db: Executor, userId: string): Promise<string> {
  const now = deps.now();
  await db
    .update(emailVerifications)
    .set({ consumedAt: now })
    .where(and(eq(emailVerifications.userId, userId), isNull(emailVerifications.consumedAt)));
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  await db.insert(emailVerifications).values({
    id: createId(),
    userId,
    codeHash: codeHash(deps.codeKey, userId, code),
    expiresAt: new Date(now.getTime() + CODE_TTL_MS),
    createdAt: now,
  });
  return code;
}

function codeHash(key: Uint8Array, userId: string, code: string): string {
  return createHmac("sha256", key).update(`${userId}:${code}`).digest("hex");
}

export interface SignUpInput {
  email: string;
  password: string;
  name: string;
  orgName: string;
}

/**
 * Creates an unverified account, its organization (the user owns it) and a verification
 * code, then emails the code. For an address that already has an account, it emails
 * that address instead and answers exactly the same way, so sign-up cannot be used to
 * find out who has an account.
 */
export async function signUp(
  deps: AuthDeps,
  input: SignUpInput,
  origin: RequestOrigin,
): Promise<void> {
  assertAcceptablePassword(input.password, { email: input.email });
  // Hashed before the lookup, on both paths, so timing says nothing about the address.
  const passwordHash = await deps.hasher.hash(input.password);

  const existing = await findUserByEmail(deps.db, input.email);
  if (existing) return signUpTaken(deps, existing, origin);

  let created: { userId: string; orgId: string; code: string };
  try {
    created = await deps.db.transaction(async (tx) => {
      const userId = createId();
      await tx.insert(users).values({
        id: userId,
        email: input.email,
        name: input.name,
        passwordHash,
        createdAt: deps.now(),
      });
      const orgId = await createOrganization(tx, { name: input.orgName, ownerUserId: userId });
      const code = await issueCode(deps, tx, userId);
      await recordAuthEvent(tx, { type: "sign_up", outcome: "success", userId, orgId, origin });
      return { userId, orgId, code };
    });
  } catch (error) {
    // A concurrent sign-up took the address between the lookup and the insert.
    if (!isUniqueViolation(error, "users_email_key")) throw error;
    const winner = await findUserByEmail(deps.db, input.email);
    if (!winner) throw error;
    return signUpTaken(deps, winner, origin);
  }

  await deps.mailer.send(
    verificationCode({ to: input.email, name: input.name, code: created.code }),
  );
}

async function signUpTaken(
  deps: AuthDeps,
  user: { id: string; email: string },
  origin: RequestOrigin,
) {
  await recordAuthEvent(deps.db, {
    type: "sign_up",
    outcome: "failure",
    reason: "EMAIL_TAKEN",
    userId: user.id,
    origin,
  });
  await deps.mailer.send(
    signUpAttempt({
      to: user.email,
      signInUrl: `${deps.dashboardOrigin}/sign-in/`,
      resetUrl: `${deps.dashboardOrigin}/forgot-password/`,
    }),
  );
}

/**
 * Checks a verification code and, when it matches, marks the email verified. Each try
 * spends one of the code's five attempts before the comparison, in one conditional
 * UPDATE, so concurrent guesses cannot get more than five between them.
 */
export async function verifyEmail(
  deps: AuthDeps,
  input: { email: string; code: string },
  origin: RequestOrigin,
): Promise<{ userId: string }> {
  const now = deps.now();
  const user = await findUserByEmail(deps.db, input.email);
  if (!user) throw invalidCode();

  const [pending] = await deps.db
    .select({ id: emailVerifications.id })
    .from(emailVerifications)
    .where(
      and(
        eq(emailVerifications.userId, user.id),
        isNull(emailVerifications.consumedAt),
        gt(emailVerifications.expiresAt, now),
      ),
    )
    .orderBy(desc(emailVerifications.createdAt))
    .limit(1);

  const [attempt] = pending
    ? await deps.db
        .update(emailVerifications)
        .set({ attempts: sql`${emailVerifications.attempts} + 1` })
        .where(
          and(
            eq(emailVerifications.id, pending.id),
            isNull(emailVerifications.consumedAt),
            lt(emailVerifications.attempts, CODE_MAX_ATTEMPTS),
          ),
        )
        .returning({ codeHash: emailVerifications.codeHash })
    : [];

  const expected = attempt ? Buffer.from(attempt.codeHash, "hex") : Buffer.alloc(32);
  const given = Buffer.from(codeHash(deps.codeKey, user.id, input.code), "hex");
  if (!attempt || !timingSafeEqual(expected, given)) {
    await recordAuthEvent(deps.db, {
      type: "email_verification",
      outcome: "failure",
      reason: attempt ? "WRONG_CODE" : "NO_LIVE_CODE",
      userId: user.id,
      origin,
    });
    throw invalidCode();
  }

  await deps.db.transaction(async (tx) => {
    await tx
      .update(emailVerifications)
      .set({ consumedAt: now })
      .where(eq(emailVerifications.id, pending?.id ?? ""));
    await tx
      .update(users)
      .set({ emailVerifiedAt: user.emailVerifiedAt ?? now, updatedAt: now })
      .where(eq(users.id, user.id));
    await recordAuthEvent(tx, {
      type: "email_verification",
      outcome: "success",
      userId: user.id,
      origin,
    });
  });
  return { userId: user.id };
}

/** Emails a fresh code to an unverified account; does nothing, visibly the same, otherwise. */
export async function resendVerification(deps: AuthDeps, input: { email: string }) {
  const user = await findUserByEmail(deps.db, input.email);
  if (!user || user.emailVerifiedAt) return;
  const code = await deps.db.transaction((tx) => issueCode(deps, tx, user.id));
  await deps.mailer.send(verificationCode({ to: user.email, name: user.name, code }));
}

/**
 * Checks an email and password. An unknown email still costs one hash, so response time
 * does not tell accounts apart, and both failures give the same INVALID_CREDENTIALS. A
 * right password for an unverified email sends a new code and answers
 * EMAIL_NOT_VERIFIED: only someone who knows the password learns the account exists.
 */
export async function signIn(
  deps: AuthDeps,
  input: { email: string; password: string },
  origin: RequestOrigin,
): Promise<{ userId: string }> {
  const user = await findUserByEmail(deps.db, input.email);
  const fail = async (reason: string, userId: string | null) => {
    await recordAuthEvent(deps.db, { type: "sign_in", outcome: "failure", reason, userId, origin });
    return invalidCredentials();
  };

  if (!user?.passwordHash) {
    await deps.hasher.verify(await dummyHash(deps.hasher), input.password);
    throw await fail(user ? "NO_PASSWORD" : "UNKNOWN_EMAIL", user?.id ?? null);
  }

  const { ok, needsRehash } = await deps.hasher.verify(user.passwordHash, input.password);
  if (!ok) throw await fail("BAD_PASSWORD", user.id);

  if (needsRehash) {
    // The stored hash predates the current cost; the password is at hand, so upgrade it.
    await deps.db
      .update(users)
      .set({ passwordHash: await deps.hasher.hash(input.password) })
      .where(eq(users.id, user.id));
  }

  if (!user.emailVerifiedAt) {
    await recordAuthEvent(deps.db, {
      type: "sign_in",
      outcome: "failure",
      reason: "EMAIL_NOT_VERIFIED",
      userId: user.id,
      origin,
    });
    await resendVerification(deps, { email: user.email });
    throw new VisibleError(
      "forbidden",
      "EMAIL_NOT_VERIFIED",
      "Verify your email first: we just sent you a new code.",
    );
  }

  await recordAuthEvent(deps.db, { type: "sign_in", outcome: "success", userId: user.id, origin });
  return { userId: user.id };
}

/** Emails a single-use reset link when the address has an account; silent otherwise. */
export async function requestPasswordReset(
  deps: AuthDeps,
  input: { email: string },
  origin: RequestOrigin,
): Promise<void> {
  const user = await findUserByEmail(deps.db, input.email);
  if (!user) {
    await recordAuthEvent(deps.db, {
      type: "password_reset_request",
      outcome: "failure",
      reason: "UNKNOWN_EMAIL",
      origin,
    });
    return;
  }

  const now = deps.now();
  const token = randomBytes(32).toString("base64url");
  await deps.db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      id: createId(),
      userId: user.id,
      tokenHash: sha256(token),
      expiresAt: new Date(now.getTime() + RESET_TTL_MS),
      createdAt: now,
    });
    await recordAuthEvent(tx, {
      type: "password_reset_request",
      outcome: "success",
      userId: user.id,
      origin,
    });
  });
  const url = `${deps.dashboardOrigin}/reset-password/?token=${token}`;
  await deps.mailer.send(passwordReset({ to: user.email, name: user.name, url }));
}

/**
 * Sets a new password from a reset link. The link works once: the token is spent in the
 * same conditional UPDATE that checks it. Every session of the user is revoked, and
 * since the link proved control of the mailbox, the email counts as verified.
 */
export async function resetPassword(
  deps: AuthDeps,
  input: { token: string; password: string },
  origin: RequestOrigin,
): Promise<{ userId: string }> {
  const now = deps.now();
  const tokenHash = sha256(input.token);
  const [found] = await deps.db
    .select({ userId: passwordResets.userId, email: users.email, name: users.name })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  if (!found) {
    await recordAuthEvent(deps.db, {
      type: "password_reset",
      outcome: "failure",
      reason: "INVALID_TOKEN",
      origin,
    });
    throw invalidToken();
  }

  // Judged before the token is spent, so a refused password does not burn the link.
  assertAcceptablePassword(input.password, { email: found.email });
  const passwordHash = await deps.hasher.hash(input.password);

  await deps.db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (!spent) throw invalidToken();

    await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.userId, found.userId), isNull(passwordResets.usedAt)));
    await tx
      .update(users)
      .set({
        passwordHash,
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${sql.param(now, users.emailVerifiedAt)})`,
        updatedAt: now,
      })
      .where(eq(users.id, found.userId));
    await revokeAllSessions(tx, found.userId, now);
    await recordAuthEvent(tx, {
      type: "password_reset",
      outcome: "success",
      userId: found.userId,
      origin,
    });
  });
  await deps.mailer.send(passwordChanged({ to: found.email, name: found.name }));
  return { userId: found.userId };
}

/**
 * Changes the password of a signed-in user who knows the current one, and signs out
 * every other session of theirs.
 */
export async function changePassword(
  deps: AuthDeps,
  session: { userId: string; sessionId: string },
  input: { currentPassword: string; newPassword: string },
  origin: RequestOrigin,
): Promise<void> {
  const [user] = await deps.db
    .select({ email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, session.userId));
  const current = user?.passwordHash
    ? await deps.hasher.verify(user.passwordHash, input.currentPassword)
    : { ok: false };
  if (!user || !current.ok) {
    await recordAuthEvent(deps.db, {
      type: "password_change",
      outcome: "failure",
      reason: "BAD_PASSWORD",
      userId: session.userId,
      origin,
    });
    // Not 401: the session is fine, and a 401 would read as "signed out" to the client.
    throw new VisibleError(
      "invalid",
      "INVALID_CURRENT_PASSWORD",
      "The current password is wrong.",
      {
        fields: { "body.currentPassword": ["The current password is wrong."] },
      },
    );
  }

  assertAcceptablePassword(input.newPassword, { email: user.email, field: "body.newPassword" });
  const passwordHash = await deps.hasher.hash(input.newPassword);
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, session.userId));
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(
        and(
          eq(sessions.userId, session.userId),
          ne(sessions.id, session.sessionId),
          isNull(sessions.revokedAt),
        ),
      );
    await recordAuthEvent(tx, {
      type: "password_change",
      outcome: "success",
      userId: session.userId,
      origin,
    });
  });
  await deps.mailer.send(passwordChanged({ to: user.email, name: user.name }));
}

/** Revokes every live session of a user; their cookies stop working on the next request. */
export async function revokeAllSessions(db: Executor, userId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Signs out one session, or all of the user's sessions when `everywhere`. */
export async function signOut(
  db: Database,
  session: { userId: string; sessionId: string },
  options: { everywhere: boolean; origin: RequestOrigin; now: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    if (options.everywhere) {
      await revokeAllSessions(tx, session.userId, options.now);
    } else {
      await tx
        .update(sessions)
        .set({ revokedAt: options.now })
        .where(and(eq(sessions.id, session.sessionId), isNull(sessions.revokedAt)));
    }
    await recordAuthEvent(tx, {
      type: "sign_out",
      outcome: "success",
      reason: options.everywhere ? "ALL_SESSIONS" : null,
      userId: session.userId,
      origin: options.origin,
    });
  });
}
