import { signOut } from "@voicecraft/core/auth";
import { clearedSessionCookie } from "../http/cookies.ts";
import { createHandler } from "../http/handler.ts";
import { authSignOut } from "../routes.ts";

export const handler = createHandler(authSignOut, async ({ runtime, session, origin }) => {
  await signOut(runtime.db, session, { everywhere: false, origin, now: runtime.now() });
  return { status: 204, cookies: [clearedSessionCookie(runtime.env)] };
});
