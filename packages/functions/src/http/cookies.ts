import { SESSION_TTL_SECONDS } from "@voicecraft/core/session";
import { stringifySetCookie } from "cookie";
import type { Env } from "./config.ts";

/**
 * The session cookie's name. Deployed stages use the `__Host-` prefix, which browsers
 * honour only for a cookie that is Secure, host-only and for path `/`, so no subdomain
 * can plant or overwrite it. Locally the page is plain http, where that prefix (and
 * Secure) would make the browser drop the cookie.
 */
export function sessionCookieName(env: Pick<Env, "deployed">): string {
  return env.deployed ? "__Host-vc_session" : "vc_session";
}

/**
 * `Set-Cookie` for a session token (TR2, AU3): HttpOnly so page scripts never see it,
 * SameSite=Lax so other sites cannot ride it on POSTs, Secure everywhere but local.
 */
export function sessionCookie(env: Pick<Env, "deployed">, token: string): string {
  return stringifySetCookie({
    name: sessionCookieName(env),
    value: token,
    httpOnly: true,
    secure: env.deployed,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_TTL_SECONDS,
  });
}

/** `Set-Cookie` that removes the session cookie (sign-out). */
export function clearedSessionCookie(env: Pick<Env, "deployed">): string {
  return stringifySetCookie({
    name: sessionCookieName(env),
    value: "",
    httpOnly: true,
    secure: env.deployed,
    sameSite: "lax",
    path: "/",
    maxAge: 0,
  });
}

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
