import type { EmailMessage } from "./index.ts";

// The account emails VoiceCraft sends. Each render function returns a finished message:
// plain text always, and a simple HTML alternative in which every interpolated value is
// escaped. No images, scripts or tracking pixels, so nothing loads from a third party.

/** The `tag` of each kind of message, for logs, metrics and tests. */
export type EmailTag =
  | "verification_code"
  | "password_reset"
  | "sign_up_attempt"
  | "password_changed";

/** Minutes a verification code stays valid; the auth module must enforce the same. */
export const VERIFICATION_CODE_MINUTES = 10;

/** Minutes a password reset link stays valid; the auth module must enforce the same. */
export const PASSWORD_RESET_MINUTES = 30;

/**
 * Names longer than this are cut. A name typed at sign-up reaches an inbox that has not
 * been verified yet, so it must not be able to carry a paragraph of someone else's text.
 */
const MAX_NAME_LENGTH = 60;

/**
 * Replaces the five characters that are special in HTML (and XML) text and attribute
 * values; TwiML is escaped with it too.
 */
export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * The code a new user types to prove they own the address. Sent before the address is
 * verified, so the name (chosen by whoever signed up) is shortened and put on one line.
 */
export function verificationCode(input: {
  to: string;
  name?: string | null;
  code: string;
}): EmailMessage {
  if (!/^\d{6}$/.test(input.code)) throw new Error("A verification code has exactly 6 digits.");

  const expiry = `It expires in ${VERIFICATION_CODE_MINUTES} minutes.`;
  const ignore = "If you did not ask for this code, you can ignore this email.";
  return {
    to: input.to,
    tag: "verification_code" satisfies EmailTag,
    subject: "Your VoiceCraft verification code",
    text: textOf([
      greeting(input.name),
      "Your VoiceCraft verification code is:",
      input.code,
      expiry,
      ignore,
    ]),
    html: htmlOf("Your VoiceCraft verification code", [
      paragraph(greeting(input.name)),
      paragraph("Your VoiceCraft verification code is:"),
      `<p style="font-size:28px;font-weight:bold;letter-spacing:6px">${escapeHtml(input.code)}</p>`,
      paragraph(expiry),
      paragraph(ignore),
    ]),
  };
}

/** A single-use link that lets a user choose a new password. */
export function passwordReset(input: {
  to: string;
  name?: string | null;
  url: string;
}): EmailMessage {
  const url = checkedUrl(input.url);
  const intro =
    "We received a request to reset the password of your VoiceCraft account. " +
    "Open this link to choose a new one:";
  const expiry = `The link expires in ${PASSWORD_RESET_MINUTES} minutes and works only once.`;
  const ignore =
    "If you did not ask for a reset, you can ignore this email: your password stays the same.";
  return {
    to: input.to,
    tag: "password_reset" satisfies EmailTag,
    subject: "Reset your VoiceCraft password",
    text: textOf([greeting(input.name), intro, url, expiry, ignore]),
    html: htmlOf("Reset your VoiceCraft password", [
      paragraph(greeting(input.name)),
      paragraph(intro),
      link(url, "Choose a new password"),
      paragraph(expiry),
      paragraph(ignore),
    ]),
  };
}

/**
 * Sent instead of a verification code when someone signs up with an address that
 * already has an account. The sign-up response is the same either way, so only the
 * owner of the inbox learns that the address is registered.
 */
export function signUpAttempt(input: {
  to: string;
  signInUrl: string;
  resetUrl: string;
}): EmailMessage {
  const signInUrl = checkedUrl(input.signInUrl);
  const resetUrl = checkedUrl(input.resetUrl);
  const intro =
    "Someone tried to create a VoiceCraft account with this email address. " +
    "This address already has an account, so no new account was created.";
  const signIn = "If it was you, sign in instead:";
  const reset = "Forgot your password? Reset it here:";
  const ignore = "If it was not you, you can ignore this email: your account has not changed.";
  return {
    to: input.to,
    tag: "sign_up_attempt" satisfies EmailTag,
    subject: "You already have a VoiceCraft account",
    text: textOf(["Hello,", intro, signIn, signInUrl, reset, resetUrl, ignore]),
    html: htmlOf("You already have a VoiceCraft account", [
      paragraph("Hello,"),
      paragraph(intro),
      paragraph(signIn),
      link(signInUrl, "Sign in to VoiceCraft"),
      paragraph(reset),
      link(resetUrl, "Reset your password"),
      paragraph(ignore),
    ]),
  };
}

/** A notice after a password change or reset, so a takeover does not go unnoticed. */
export function passwordChanged(input: { to: string; name?: string | null }): EmailMessage {
  const notice = "The password of your VoiceCraft account was just changed.";
  const fine = "If you made this change, there is nothing else to do.";
  const act =
    'If you did not, reset your password right away with "Forgot password?" on the ' +
    "VoiceCraft sign-in page, and tell the owner of your organization.";
  return {
    to: input.to,
    tag: "password_changed" satisfies EmailTag,
    subject: "Your VoiceCraft password was changed",
    text: textOf([greeting(input.name), notice, fine, act]),
    html: htmlOf("Your VoiceCraft password was changed", [
      paragraph(greeting(input.name)),
      paragraph(notice),
      paragraph(fine),
      paragraph(act),
    ]),
  };
}

function greeting(name: string | null | undefined): string {
  const clean = (name ?? "")
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!clean) return "Hello,";
  const short =
    clean.length > MAX_NAME_LENGTH ? `${clean.slice(0, MAX_NAME_LENGTH - 1).trimEnd()}…` : clean;
  return `Hi ${short},`;
}

/**
 * Only absolute http(s) URLs go into a link: escaping keeps a value inside the attribute,
 * but a `javascript:` URL would still run when clicked.
 */
function checkedUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error("An email link must be an absolute URL.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error("An email link must use https (or http on the local stage).");
  }
  return url.href;
}

function textOf(paragraphs: string[]): string {
  return `${[...paragraphs, "— VoiceCraft"].join("\n\n")}\n`;
}

function paragraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`;
}

function link(url: string, label: string): string {
  const href = escapeHtml(url);
  return (
    `<p><a href="${href}">${escapeHtml(label)}</a></p>` +
    `<p style="font-size:13px;color:#555">Or paste this address into your browser:<br>${href}</p>`
  );
}

function htmlOf(title: string, body: string[]): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">',
    '<div style="max-width:560px;margin:0 auto">',
    ...body,
    '<p style="margin-top:32px;color:#555">— VoiceCraft</p>',
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}
