import { listMemberships } from "@voicecraft/core/org";
import { createSession } from "@voicecraft/core/session";
import { getUserProfile } from "@voicecraft/core/user";
import { sessionCookie } from "../http/cookies.ts";
import type { Reply } from "../http/response.ts";
import type { Runtime } from "../http/runtime.ts";

/**
 * Starts a session for `userId` and answers with it: the cookie (HttpOnly, SameSite=Lax,
 * Secure and `__Host-` when deployed) and what `GET /me` would say.
 */
export async function signedIn(
  runtime: Runtime,
  userId: string,
  request: { ip: string; userAgent: string },
): Promise<Reply> {
  if (!runtime.sessionKeys) throw new Error("SESSION_SIGNING_KEYS is not bound");
  const { token } = await createSession(runtime.db, runtime.sessionKeys, {
    userId,
    ip: request.ip || null,
    userAgent: request.userAgent || null,
    now: runtime.now(),
  });
  const [user, memberships] = await Promise.all([
    getUserProfile(runtime.db, userId),
    listMemberships(runtime.db, userId),
  ]);
  return { status: 200, body: { user, memberships }, cookies: [sessionCookie(runtime.env, token)] };
}
