import { changePassword } from "@voicecraft/core/auth";
import { authDeps } from "../http/auth.ts";
import { createHandler } from "../http/handler.ts";
import { useMailer } from "../http/mailer.ts";
import { noContent } from "../http/response.ts";
import { authChangePassword } from "../routes.ts";

export const handler = createHandler(
  authChangePassword,
  async ({ runtime, session, body, headers, origin }) => {
    await changePassword(authDeps(runtime, headers, useMailer(runtime)), session, body, origin);
    return noContent();
  },
);
