import { verifyEmail } from "@voicecraft/core/auth";
import { authDeps, NO_MAIL } from "../http/auth.ts";
import { createHandler } from "../http/handler.ts";
import { authVerifyEmail } from "../routes.ts";
import { signedIn } from "./session-reply.ts";

export const handler = createHandler(authVerifyEmail, async (request) => {
  const { runtime, body, headers, origin } = request;
  const { userId } = await verifyEmail(authDeps(runtime, headers, NO_MAIL), body, origin);
  return signedIn(runtime, userId, request);
});
