import { SESSION_TTL_SECONDS } from "@voicecraft/core/session";
import { stringifySetCookie } from "cookie";
import type { Env } from "./config.ts";

/**
 * A cookie's name on this stage. Deployed stages use the `__Host-` prefix, which browsers
 * honour only for a cookie that is Secure, host-only and for path `/`, so no subdomain
 * can plant or overwrite it. Locally the page is plain http, where that prefix (and
 * Secure) would make the browser drop the cookie.
 */
export function cookieName(env: Pick<Env, "deployed">, base: string): string {
  return env.deployed ? `__Host-${base}` : base;
}

/**
 * `Set-Cookie` for one of our cookies: HttpOnly so page scripts never see it, SameSite=Lax
 * so other sites cannot ride it on POSTs (and it still comes back on the top-level GET
 * from an OAuth provider), Secure and host-only everywhere but local (TR2).
 */
function hostCookie(env: Pick<Env, "deployed">, base: string, value: string, maxAge: number) {
  return stringifySetCookie({
    name: cookieName(env, base),
    value,
    httpOnly: true,
    secure: env.deployed,
    sameSite: "lax",
    path: "/",
    maxAge,
  });
}

/** The session cookie's name on this stage. */
export const sessionCookieName = (env: Pick<Env, "deployed">) => cookieName(env, "vc_session");

/** `Set-Cookie` for a session token (TR2, AU3). */
export const sessionCookie = (env: Pick<Env, "deployed">, token: string) =>
  hostCookie(env, "vc_session", token, SESSION_TTL_SECONDS);

/** `Set-Cookie` that removes the session cookie (sign-out). */
export const clearedSessionCookie = (env: Pick<Env, "deployed">) =>
  hostCookie(env, "vc_session", "", 0);

/** The OpenID Connect flow cookie's name: it ties a callback to the browser that started it. */
export const flowCookieName = (env: Pick<Env, "deployed">) => cookieName(env, "vc_oauth");

/** `Set-Cookie` for a started sign-in flow, living as long as the flow. */
export const flowCookie = (env: Pick<Env, "deployed">, flowId: string, maxAge: number) =>
  hostCookie(env, "vc_oauth", flowId, maxAge);

/** `Set-Cookie` that removes the flow cookie once the callback has used it. */
export const clearedFlowCookie = (env: Pick<Env, "deployed">) => hostCookie(env, "vc_oauth", "", 0);

/** The value of cookie `name` from API Gateway v2's `cookies` array, if present once. */
export function readCookie(cookies: readonly string[] | undefined, name: string) {
  const values = (cookies ?? [])
    .flatMap((header) => header.split(";"))
    .map((pair) => pair.trim())
    .filter((pair) => pair.startsWith(`${name}=`))
    .map((pair) => pair.slice(name.length + 1));
  // Two cookies of the same name mean someone planted one; trust neither.
  return values.length === 1 ? values[0] : undefined;
}
