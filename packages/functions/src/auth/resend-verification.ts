import { resendVerification } from "@voicecraft/core/auth";
import { authDeps, uniformly } from "../http/auth.ts";
import { createHandler } from "../http/handler.ts";
import { useMailer } from "../http/mailer.ts";
import { authResendVerification } from "../routes.ts";

export const handler = createHandler(authResendVerification, async ({ runtime, body, headers }) => {
  await uniformly(runtime, () =>
    resendVerification(authDeps(runtime, headers, useMailer(runtime)), body),
  );
  return { status: 202, body: { status: "verification_sent" } };
});
