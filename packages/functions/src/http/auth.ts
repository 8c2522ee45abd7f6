import { setTimeout as sleep } from "node:timers/promises";
import { type AuthDeps, argon2idHasher, codeKeyFrom } from "@voicecraft/core/auth";
import type { Mailer } from "@voicecraft/core/email";
import type { Runtime } from "./runtime.ts";

const hasher = argon2idHasher();

/**
 * For routes that send no email. The mailer is passed in rather than built here so that
 * only routes declaring `uses: ["email"]` import the SES client.
 */
export const NO_MAIL: Mailer = {
  send: () => Promise.reject(new Error("this route does not declare the email capability")),
};

/** Everything the account operations in core need, from this process's runtime. */
export function authDeps(
  runtime: Runtime,
  request: { host?: string | undefined },
  mailer: Mailer,
): AuthDeps {
  if (!runtime.sessionKeys) throw new Error("SESSION_SIGNING_KEYS is not bound");
  const dashboardOrigin =
    runtime.env.setting("DASHBOARD_ORIGIN") ??
    // Locally the dashboard is served by the same gateway as the API.
    (!runtime.env.deployed && request.host ? `http://${request.host}` : "");
  return {
    db: runtime.db,
    hasher: runtime.passwordHasher ?? hasher,
    mailer,
    codeKey: codeKeyFrom(runtime.sessionKeys.current.key),
    dashboardOrigin,
    now: runtime.now,
  };
}

const DEFAULT_UNIFORM_ANSWER_MS = 600;

/**
 * Runs `work` and answers no sooner than the runtime's uniform answer time. Routes that
 * must not reveal whether an account exists do different work in each case (one sends
 * an email, the other does not); a floor above both hides the difference.
 */
export async function uniformly<T>(runtime: Runtime, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  const floor = runtime.uniformAnswerMs ?? DEFAULT_UNIFORM_ANSWER_MS;
  const left = floor - (performance.now() - started);
  if (left > 0) await sleep(left);
  return result;
}
