import { requestPasswordReset } from "@voicecraft/core/auth";
import { authDeps, uniformly } from "../http/auth.ts";
import { createHandler } from "../http/handler.ts";
import { useMailer } from "../http/mailer.ts";
import { authForgotPassword } from "../routes.ts";

export const handler = createHandler(
  authForgotPassword,
  async ({ runtime, body, headers, origin }) => {
    await uniformly(runtime, () =>
      requestPasswordReset(authDeps(runtime, headers, useMailer(runtime)), body, origin),
    );
    return { status: 202, body: { status: "reset_sent_if_registered" } };
  },
);
