import { resetPassword } from "@voicecraft/core/auth";
import { authDeps } from "../http/auth.ts";
import { clearedSessionCookie } from "../http/cookies.ts";
import { createHandler } from "../http/handler.ts";
import { useMailer } from "../http/mailer.ts";
import { authResetPassword } from "../routes.ts";

export const handler = createHandler(
  authResetPassword,
  async ({ runtime, body, headers, origin }) => {
    await resetPassword(authDeps(runtime, headers, useMailer(runtime)), body, origin);
    // Every session of the user was revoked; this browser's cookie goes too.
    return { status: 204, cookies: [clearedSessionCookie(runtime.env)] };
  },
);
