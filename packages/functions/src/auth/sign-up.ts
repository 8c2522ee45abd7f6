import { signUp } from "@voicecraft/core/auth";
import { authDeps, uniformly } from "../http/auth.ts";
import { createHandler } from "../http/handler.ts";
import { useMailer } from "../http/mailer.ts";
import { authSignUp } from "../routes.ts";

export const handler = createHandler(authSignUp, async ({ runtime, body, headers, origin }) => {
  await uniformly(runtime, () =>
    signUp(authDeps(runtime, headers, useMailer(runtime)), body, origin),
  );
  // The same answer whether the address was new or taken: see signUp.
  return { status: 202, body: { status: "verification_sent" } };
});
