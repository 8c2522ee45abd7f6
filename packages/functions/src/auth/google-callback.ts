import { recordAuthEvent } from "@voicecraft/core/audit";
import {
  finishGoogleFlow,
  type GoogleSignIn,
  GoogleSignInError,
} from "@voicecraft/core/auth/google";
import { createSession } from "@voicecraft/core/session";
import { clearedFlowCookie, flowCookieName, readCookie, sessionCookie } from "../http/cookies.ts";
import { createHandler } from "../http/handler.ts";
import { authGoogleCallback } from "../routes.ts";
import { badHost, googleConfig, googleUrls, redirect } from "./google-start.ts";

// GET /auth/google/callback: where Google sends the browser back. Every refusal is a
// redirect to the sign-in page with one stable code and an AuthEvent naming the reason;
// the provider's own error text and the code never reach a URL or the log.

export const handler = createHandler(authGoogleCallback, async (request) => {
  const { query, db, runtime, log, origin, headers, cookies } = request;
  const { env } = runtime;
  const urls = googleUrls(env, headers.host);
  if (!urls) throw badHost();

  // Whatever happens next, this flow is over for the browser.
  const clear = clearedFlowCookie(env);
  const refuse = async (code: string, reason: string, cause?: unknown) => {
    await recordAuthEvent(db, { type: "google_oauth", outcome: "failure", reason, origin });
    // The library's wording of what failed (a jose claim check, the token endpoint's
    // status): never a token or a code, which no error here carries.
    const detail = cause instanceof Error ? cause.message : undefined;
    log.info({ event: "google.sign_in_refused", reason, detail });
    return redirect(303, urls.signIn(code), [clear]);
  };

  if (query.error !== undefined) {
    return query.error === "access_denied"
      ? refuse("GOOGLE_CANCELLED", "CANCELLED")
      : refuse("GOOGLE_FAILED", "PROVIDER_ERROR");
  }

  const config = googleConfig(env, urls.redirectUri);
  const keys = runtime.sessionKeys;
  if (!config || !keys) {
    log.warn({ event: "google.not_configured", sessionKeys: keys !== null });
    return refuse("GOOGLE_UNAVAILABLE", "NOT_CONFIGURED");
  }

  const now = runtime.now();
  let signIn: GoogleSignIn;
  try {
    signIn = await finishGoogleFlow(
      db,
      config,
      {
        flowId: readCookie(cookies, flowCookieName(env)),
        state: query.state,
        code: query.code,
      },
      now,
    );
  } catch (error) {
    if (error instanceof GoogleSignInError) return refuse(error.code, error.reason, error.cause);
    // A provider answer we did not foresee is still a failed sign-in, not a 500 page.
    log.error({ event: "google.sign_in_failed", err: error });
    return refuse("GOOGLE_FAILED", "INTERNAL");
  }

  const { userId, orgId, created, linked } = signIn;
  const session = await db.transaction(async (tx) => {
    const started = await createSession(tx, keys, {
      userId,
      ip: origin.ip,
      userAgent: origin.userAgent,
      now,
    });
    await recordAuthEvent(tx, {
      type: "google_oauth",
      outcome: "success",
      reason: created ? "ACCOUNT_CREATED" : linked ? "IDENTITY_LINKED" : null,
      userId,
      orgId,
      origin,
    });
    return started;
  });
  log.info({ event: "google.signed_in", userId, created, linked });
  return redirect(303, urls.app, [sessionCookie(env, session.token), clear]);
});
