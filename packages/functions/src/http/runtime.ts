import type { PasswordHasher } from "@voicecraft/core/auth/password";
import { type Database, openDatabase } from "@voicecraft/core/db";
import type { Mailer } from "@voicecraft/core/email";
import { parseSessionKeys, type SessionKeys } from "@voicecraft/core/session";
import type { Storage } from "@voicecraft/core/storage";
import { type Env, loadEnv } from "./config.ts";

/**
 * What a handler runs against: the environment, the database and the session keys.
 * Built once per cold start from the process environment; the local gateway and tests
 * provide their own (one shared PGlite, a fixed clock) instead of patching modules.
 */
export interface Runtime {
  env: Env;
  db: Database;
  /** Null when the function is not bound to SESSION_SIGNING_KEYS. */
  sessionKeys: SessionKeys | null;
  /** Storage handed in by the local gateway or a test; otherwise built from the env. */
  storage?: Storage;
  /** A mailer handed in by the local gateway or a test; otherwise SES, built from the env. */
  mailer?: Mailer;
  /** Tests pass a cheaper hasher; otherwise argon2id at the current cost. */
  passwordHasher?: PasswordHasher;
  /**
   * The least time an "always the same answer" route (sign-up, resend, forgot password)
   * takes, so that whether an email was sent cannot be read from the response time.
   */
  uniformAnswerMs?: number;
  now(): Date;
}

let current: Promise<Runtime> | undefined;

/** The runtime of this process, created on first use. */
export function useRuntime(): Promise<Runtime> {
  current ??= fromProcess().catch((error: unknown) => {
    // A failed cold start (database unreachable) must not poison every later request.
    current = undefined;
    throw error;
  });
  return current;
}

/** Replaces the runtime; for the local gateway and tests. */
export function provideRuntime(runtime: Runtime): void {
  current = Promise.resolve(runtime);
}

/** Builds a runtime from an environment and an open database. */
export function runtimeFrom(env: Env, db: Database, now: () => Date = () => new Date()): Runtime {
  const keys = env.secret("SESSION_SIGNING_KEYS");
  return { env, db, sessionKeys: keys ? parseSessionKeys(keys) : null, now };
}

async function fromProcess(): Promise<Runtime> {
  const env = await loadEnv();
  const url = env.secret("DATABASE_URL");
  if (env.deployed && !url) throw new Error("DATABASE_URL is not bound on a deployed stage");
  const handle = await openDatabase({ url, dataDir: process.env.VOICECRAFT_DATA_DIR });
  return runtimeFrom(env, handle.db);
}
