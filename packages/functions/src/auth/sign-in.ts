import { signIn } from "@voicecraft/core/auth";
import { authDeps } from "../http/auth.ts";
import { createHandler } from "../http/handler.ts";
import { useMailer } from "../http/mailer.ts";
import { authSignIn } from "../routes.ts";
import { signedIn } from "./session-reply.ts";

export const handler = createHandler(authSignIn, async (request) => {
  const { runtime, body, headers, origin } = request;
  const { userId } = await signIn(authDeps(runtime, headers, useMailer(runtime)), body, origin);
  return signedIn(runtime, userId, request);
});
