import { argon2 as argon2Callback, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";
import { VisibleError } from "../util/errors.ts";

const argon2 = promisify(argon2Callback);

/** argon2id cost: memory in KiB, passes, lanes. */
export interface Argon2Params {
  memoryKiB: number;
  passes: number;
  parallelism: number;
}

/**
 * The cost new hashes get. OWASP's password storage guidance lists m=19 MiB, t=2, p=1 as
 * an argon2id configuration; it costs about 25 ms here on Node's built-in argon2id
 * (OpenSSL), which keeps sign-in fast and leaves room to raise it: hashes carry their
 * parameters, and a sign-in under weaker ones re-hashes with these.
 *
 * Node's `crypto.argon2` is used rather than a native addon so the Lambdas (arm64) ship
 * no platform-specific binary.
 */
export const CURRENT_PARAMS: Argon2Params = { memoryKiB: 19_456, passes: 2, parallelism: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;

/** Hashes and verifies passwords. Tests inject a cheaper one; production uses `argon2id`. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Whether `password` matches `encoded`, and whether `encoded` is below current cost. */
  verify(encoded: string, password: string): Promise<{ ok: boolean; needsRehash: boolean }>;
}

/**
 * The argon2id hasher. Hashes are PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`),
 * the format every argon2 library reads, so the parameters travel with each hash.
 */
export function argon2idHasher(params: Argon2Params = CURRENT_PARAMS): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      const tag = await derive(normalize(password), salt, params, HASH_BYTES);
      return encodePhc(params, salt, tag);
    },
    async verify(encoded, password) {
      const parsed = parsePhc(encoded);
      if (!parsed) return { ok: false, needsRehash: true };
      const tag = await derive(normalize(password), parsed.salt, parsed.params, parsed.hash.length);
      const ok = tag.length === parsed.hash.length && timingSafeEqual(tag, parsed.hash);
      return { ok, needsRehash: ok && belowCurrent(parsed.params, params) };
    },
  };
}

// NIST SP 800-63B-4 asks verifiers to normalize Unicode before hashing, so the same
// passphrase typed on two keyboards is the same secret.
const normalize = (password: string) => password.normalize("NFKC");

function derive(password: string, salt: Buffer, params: Argon2Params, length: number) {
  return argon2("argon2id", {
    message: password,
    nonce: salt,
    memory: params.memoryKiB,
    passes: params.passes,
    parallelism: params.parallelism,
    tagLength: length,
  });
}

const b64 = (bytes: Buffer) => bytes.toString("base64").replace(/=+$/, "");

function encodePhc(params: Argon2Params, salt: Buffer, hash: Buffer): string {
  const cost = `m=${params.memoryKiB},t=${params.passes},p=${params.parallelism}`;
  return `$argon2id$v=19$${cost}$${b64(salt)}$${b64(hash)}`;
}

// The PHC string format is five `$`-separated fields; a parser library would be larger
// than this, and Node's argon2 takes raw parameters.
function parsePhc(encoded: string) {
  const match =
    /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(encoded);
  if (!match) return null;
  const [, m, t, p, salt, hash] = match;
  return {
    params: { memoryKiB: Number(m), passes: Number(t), parallelism: Number(p) },
    salt: Buffer.from(salt ?? "", "base64"),
    hash: Buffer.from(hash ?? "", "base64"),
  };
}

function belowCurrent(had: Argon2Params, current: Argon2Params): boolean {
  return (
    had.memoryKiB < current.memoryKiB ||
    had.passes < current.passes ||
    had.parallelism < current.parallelism
  );
}

/**
 * A hash of nothing anyone knows, verified when the email is unknown so that an unknown
 * account costs the same time as a wrong password and timing reveals no accounts.
 */
export function dummyHash(hasher: PasswordHasher): Promise<string> {
  dummy ??= hasher.hash(randomBytes(32).toString("base64"));
  return dummy;
}
let dummy: Promise<string> | undefined;

/** NIST SP 800-63B-4: single-factor passwords are at least 15 characters. */
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 256;

/** zxcvbn's 0–4 guessability score a new password must reach. */
export const MIN_PASSWORD_SCORE = 3;

// Built on first use: the dictionaries take a few milliseconds to index, which only the
// routes that judge new passwords should pay, and only once per cold start.
let estimator: ZxcvbnFactory | undefined;

/**
 * Refuses a new password that is too short, too long, built from the account's own email
 * or the product's name, or too guessable: on zxcvbn's list of common passwords, a
 * keyboard walk, a sequence or a repetition (NIST SP 800-63B-4 §3.1.1.2). The error names
 * the rule, never echoes the password.
 */
export function assertAcceptablePassword(
  password: string,
  context: { email: string; field?: string },
): void {
  const normalized = normalize(password);
  const length = [...normalized].length;
  const weak = (message: string) =>
    new VisibleError("invalid", "WEAK_PASSWORD", message, {
      fields: { [context.field ?? "body.password"]: [message] },
    });

  if (length < MIN_PASSWORD_LENGTH) {
    throw weak(`Use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  if (length > MAX_PASSWORD_LENGTH) {
    throw weak(`Use at most ${MAX_PASSWORD_LENGTH} characters.`);
  }

  const squeezed = normalized.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  const localPart = context.email.split("@")[0]?.toLowerCase() ?? "";
  const words = [localPart.replace(/[^\p{L}\p{N}]/gu, ""), "voicecraft"].filter(
    (word) => word.length >= 4,
  );
  if (words.some((word) => squeezed === word || squeezed.replace(/\d+$/, "") === word)) {
    throw weak("Do not build the password from your email address or the product's name.");
  }

  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  // zxcvbn's cost grows with length; the first 100 characters decide any real case.
  const { score } = estimator.check(normalized.slice(0, 100), [...words, "voice craft"]);
  if (score < MIN_PASSWORD_SCORE) {
    throw weak("This password is too common or predictable. Try a few unrelated words.");
  }
}
