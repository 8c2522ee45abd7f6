/** One email to one recipient, already rendered. */
export interface EmailMessage {
  to: string;
  subject: string;
  /** Plain text; every message has it. */
  text: string;
  /** Optional HTML alternative. */
  html?: string;
  /** What kind of message this is (`verification_code`, `password_reset` …), for logs and tests. */
  tag: string;
}

/**
 * The email port. Deployed stages send through Amazon SES; `npm start` keeps messages in
 * a local outbox shown on a local-only mailbox page; tests read the same outbox.
 * Implementations never log a message's body: it carries codes and reset links.
 */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

// The SES adapter is deliberately not re-exported: it lives at `@voicecraft/core/email/ses`
// so that only routes that send email bundle the SES client.
export { createOutboxMailer, type OutboxMailer, type SentEmail } from "./outbox.ts";
export {
  type EmailTag,
  escapeHtml,
  PASSWORD_RESET_MINUTES,
  passwordChanged,
  passwordReset,
  signUpAttempt,
  VERIFICATION_CODE_MINUTES,
  verificationCode,
} from "./templates.ts";
