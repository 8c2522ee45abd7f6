import type { Mailer } from "@voicecraft/core/email";
import { createSesMailer } from "@voicecraft/core/email/ses";
import type { Runtime } from "./runtime.ts";

let fromEnv: Mailer | undefined;

/**
 * The mailer of this process: the one the runtime was given (the local outbox, tests),
 * or an SES mailer built once from the `EMAIL_FROM` setting in the function's own region.
 * Only routes that declare `uses: ["email"]` import this module, which keeps the SES
 * client out of every other bundle.
 *
 * Throws when there is no mailer to use: a deployed stage without `EMAIL_FROM` is a
 * configuration error, and failing loudly beats a sign-up whose code never arrives.
 */
export function useMailer(runtime: Runtime): Mailer {
  if (runtime.mailer) return runtime.mailer;
  if (fromEnv) return fromEnv;

  const from = runtime.env.setting("EMAIL_FROM");
  if (!from) {
    throw new Error(
      runtime.env.deployed
        ? `EMAIL_FROM is not set on stage ${runtime.env.stage}; email cannot be sent`
        : "No mailer: the local stage passes the outbox as runtime.mailer, or set EMAIL_FROM to use SES",
    );
  }
  const mailer = createSesMailer({ from, region: process.env.AWS_REGION });
  fromEnv = mailer;
  return mailer;
}
