import {
  GOOGLE_FLOW_TTL_SECONDS,
  GOOGLE_ISSUER,
  type GoogleClientConfig,
  type GoogleConfig,
  GoogleSignInError,
  startGoogleFlow,
} from "@voicecraft/core/auth/google";
import { VisibleError } from "@voicecraft/core/util/errors";
import type { Env } from "../http/config.ts";
import { flowCookie } from "../http/cookies.ts";
import { createHandler } from "../http/handler.ts";
import { apiBase } from "../http/public-url.ts";
import type { Reply } from "../http/response.ts";
import { authGoogleStart } from "../routes.ts";

// GET /auth/google/start: stores a flow and sends the browser to Google. The helpers
// below are shared with the callback, which imports them from here (the handler export
// is marked pure, so the callback's bundle leaves it out).

/** Where the OAuth routes send the browser, and the callback URL they register. */
export interface GoogleUrls {
  redirectUri: string;
  /** The dashboard, after a successful sign-in. */
  app: string;
  /** The sign-in page with a stable error code, never provider text. */
  signIn(code: string): string;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** The URLs for this request, or undefined when neither settings nor request give an origin. */
export function googleUrls(env: Env, host: string | undefined): GoogleUrls | undefined {
  const base = apiBase(env, host);
  const dashboard = originOf(env.setting("DASHBOARD_ORIGIN")) ?? originOf(base);
  if (!base || !dashboard) return undefined;
  return {
    redirectUri: `${base}/auth/google/callback`,
    app: `${dashboard}/app/`,
    signIn: (code) => `${dashboard}/sign-in/?${new URLSearchParams({ error: code })}`,
  };
}

/** The client settings, or undefined when `GOOGLE_CLIENT_ID` is not set. */
export function googleClientConfig(env: Env, redirectUri: string): GoogleClientConfig | undefined {
  const clientId = env.setting("GOOGLE_CLIENT_ID");
  if (!clientId) return undefined;
  return { issuer: env.setting("GOOGLE_ISSUER") ?? GOOGLE_ISSUER, clientId, redirectUri };
}

/** The client settings with the secret, or undefined when either is missing. */
export function googleConfig(env: Env, redirectUri: string): GoogleConfig | undefined {
  const client = googleClientConfig(env, redirectUri);
  const clientSecret = env.secret("GOOGLE_CLIENT_SECRET");
  if (!client || !clientSecret) return undefined;
  return { ...client, clientSecret };
}

/** A redirect with no body. */
export function redirect(status: 302 | 303, location: string, cookies: string[] = []): Reply {
  return { status, headers: { location }, cookies };
}

/** 400 for a request whose Host cannot be turned into a callback URL (local only). */
export const badHost = () =>
  new VisibleError("invalid", "BAD_HOST", "The request does not name a usable host.");

export const handler = /* @__PURE__ */ createHandler(
  authGoogleStart,
  async ({ db, runtime, log, headers }) => {
    const { env } = runtime;
    const urls = googleUrls(env, headers.host);
    if (!urls) throw badHost();

    const config = googleClientConfig(env, urls.redirectUri);
    if (!config) {
      log.warn({ event: "google.not_configured" });
      return redirect(302, urls.signIn("GOOGLE_UNAVAILABLE"));
    }

    try {
      const flow = await startGoogleFlow(db, config, runtime.now());
      return redirect(302, flow.url, [flowCookie(env, flow.flowId, GOOGLE_FLOW_TTL_SECONDS)]);
    } catch (error) {
      if (!(error instanceof GoogleSignInError)) throw error;
      const detail = error.cause instanceof Error ? error.cause.message : undefined;
      log.warn({ event: "google.start_failed", reason: error.reason, detail });
      return redirect(302, urls.signIn(error.code));
    }
  },
);
