import { SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import { type Logger, log } from "../log/index.ts";
import { describeAwsError } from "../util/aws.ts";
import { VisibleError } from "../util/errors.ts";
import type { Mailer } from "./index.ts";

// Amazon SES through its v2 API. The SDK is imported here and nowhere else, so a route
// that never sends email never bundles the SES client.

/** How to reach SES; see `createSesMailer`. */
export interface SesMailerOptions {
  /** The sender, an address or domain verified in SES: `VoiceCraft <no-reply@…>`. */
  from: string;
  /** The SES region; by default the SDK's (on Lambda, the function's own region). */
  region?: string | undefined;
  /** A client built elsewhere; tests point one at a local server. */
  client?: SESv2Client;
  /** Where failures are logged; tests capture them. */
  logger?: Logger;
}

/**
 * A mailer that sends through Amazon SES, authorized by the caller's IAM role. Create it
 * once per process (cold start), not per request. A failed send is logged with the SES
 * error's name, status and request id only, never the recipient or the body, and reaches
 * the caller as EMAIL_UNAVAILABLE.
 *
 * @example
 * const mailer = createSesMailer({ from: "VoiceCraft <no-reply@voicecraft.example>" });
 * await mailer.send(verificationCode({ to, name, code }));
 */
export function createSesMailer(options: SesMailerOptions): Mailer {
  if (!options.from.trim()) throw new Error("SES mailer: the sender address is empty.");

  const logger = options.logger ?? log;
  const client =
    options.client ??
    new SESv2Client({
      region: options.region,
      // A request that sends a code must answer in seconds; a hung connection to SES
      // would otherwise hold the function until its own timeout.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 },
      maxAttempts: 2,
    });

  return {
    async send(message) {
      let messageId: string | undefined;
      try {
        const result = await client.send(
          new SendEmailCommand({
            FromEmailAddress: options.from,
            Destination: { ToAddresses: [message.to] },
            Content: {
              Simple: {
                Subject: { Data: message.subject, Charset: "UTF-8" },
                Body: {
                  Text: { Data: message.text, Charset: "UTF-8" },
                  ...(message.html ? { Html: { Data: message.html, Charset: "UTF-8" } } : {}),
                },
              },
            },
            // Lets SES event publishing count sends, bounces and complaints per kind. SES
            // refuses the whole send over a tag value outside [A-Za-z0-9_-].
            EmailTags: [{ Name: "tag", Value: message.tag.replace(/[^\w-]/g, "_") }],
          }),
        );
        messageId = result.MessageId;
      } catch (error) {
        logger.error(
          { event: "email.failed", tag: message.tag, error: describeAwsError(error) },
          "email send failed",
        );
        throw new VisibleError(
          "unavailable",
          "EMAIL_UNAVAILABLE",
          "Email could not be sent. Try again in a few minutes.",
        );
      }
      logger.info({ event: "email.sent", tag: message.tag, messageId });
    },
  };
}
