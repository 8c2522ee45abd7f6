import { ApiError } from "./api.ts";

/**
 * The shortest password the API accepts: NIST SP 800-63B-4 asks for 15 characters when a
 * password is the only factor. The pages say so before anyone types, not after a refusal.
 */
export const MIN_PASSWORD_LENGTH = 15;

/** The longest password the API accepts; far past any passphrase a person types. */
export const MAX_PASSWORD_LENGTH = 256;

/** Where a signed-in person goes when no (acceptable) `?next=` says otherwise. */
export const DEFAULT_NEXT = "/app/";

/**
 * Length as NIST counts it, in Unicode code points, so an emoji or an accented letter
 * typed as one character counts as one.
 */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** What is wrong with a new password that the browser can tell on its own; empty if nothing. */
export function checkNewPassword(password: string): string[] {
  const length = passwordLength(password);
  if (length === 0) return ["Enter a password."];
  if (length < MIN_PASSWORD_LENGTH) {
    return [
      `Use at least ${MIN_PASSWORD_LENGTH} characters; this one has ${length}. ` +
        "A few unrelated words make a long password that is easy to remember.",
    ];
  }
  if (length > MAX_PASSWORD_LENGTH) return [`Use at most ${MAX_PASSWORD_LENGTH} characters.`];
  return [];
}

/**
 * Only the shape a person can get wrong by a slip (no `@`, spaces); the API decides
 * what counts as a valid address.
 */
export function checkEmail(email: string): string[] {
  if (email === "") return ["Enter your email address."];
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
    return ["Enter an email address like name@example.com."];
  }
  return [];
}

/** A verification code is six digits; spaces pasted from an email are dropped. */
export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, "");
}

/**
 * The page to open after signing in: `next` if it is a dashboard path on this origin,
 * otherwise the dashboard home. Anything else (another host, `//host`, a backslash
 * trick, `/app/../` climbing out) is ignored, so a crafted link cannot turn sign-in into
 * a redirect to somewhere else.
 */
export function safeNext(raw: string | null | undefined, origin: string): string {
  if (!raw?.startsWith(DEFAULT_NEXT)) return DEFAULT_NEXT;
  // Browsers read `\` as `/` in URLs; control characters have no place in a path.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is what it looks for.
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return DEFAULT_NEXT;

  let url: URL;
  try {
    url = new URL(raw, origin);
  } catch {
    return DEFAULT_NEXT;
  }
  if (url.origin !== origin || !url.pathname.startsWith(DEFAULT_NEXT)) return DEFAULT_NEXT;
  return url.pathname + url.search + url.hash;
}

/** A link to another auth page that carries `?next=` on to where it leads. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?${new URLSearchParams({ next })}` : path;
}

/** `14 minutes`, `1 hour and 5 minutes`, `30 seconds`: a wait, rounded up, in words. */
export function formatWait(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const whole = Math.ceil(seconds);
  if (whole < 60) return plural(Math.max(whole, 1), "second");
  const minutes = Math.ceil(whole / 60);
  if (minutes < 60) return plural(minutes, "minute");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0
    ? plural(hours, "hour")
    : `${plural(hours, "hour")} and ${plural(rest, "minute")}`;
}

/** The sentence for a 429: the wait from `Retry-After` when the API gave one. */
export function rateLimitMessage(retryAfter: number | null): string {
  return retryAfter === null || retryAfter <= 0
    ? "Too many attempts. Wait a little, then try again."
    : `Too many attempts. Try again in ${formatWait(retryAfter)}.`;
}

/** True for a 429 from the API or from anything in front of it. */
export function isRateLimited(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 429 || error.code === "RATE_LIMITED");
}

/** What the Google return codes mean; unknown codes get the general message. */
const googleErrors: Record<string, string> = {
  GOOGLE_CANCELLED:
    "Signing in with Google was cancelled. Try again, or sign in with your email and password.",
  GOOGLE_EMAIL_UNVERIFIED:
    "Google has not verified the email address of that Google account, so it cannot be used " +
    "to sign in. Verify it with Google first, or sign in with your email and password.",
  GOOGLE_UNAVAILABLE:
    "Signing in with Google is not available right now. Sign in with your email and " +
    "password, or try Google again later.",
  GOOGLE_FAILED:
    "Signing in with Google did not work. Try again, or sign in with your email and password.",
};

/**
 * The message for `/sign-in/?error=…` after a return from Google, or null when there is
 * no error. The code is looked up, never shown as given: the URL is anyone's to write.
 */
export function googleErrorMessage(code: string | null): string | null {
  if (!code) return null;
  return googleErrors[code] ?? googleErrors.GOOGLE_FAILED ?? null;
}

/**
 * Sentences for the codes the auth pages expect. None of them says whether an email is
 * registered: where the API gives one answer for both cases, so do the pages.
 */
export const authMessages = {
  INVALID_CREDENTIALS: "The email or password is not right. Check both and try again.",
  INVALID_CURRENT_PASSWORD: "That is not your current password.",
  INVALID_CODE:
    "That code did not work: it may be mistyped, expired or used up by too many tries. " +
    "Check the latest email, or send a new code.",
  INVALID_TOKEN:
    "This reset link does not work any more: it may have been used already, have expired, " +
    "or have been cut short when copied. Ask for a new link.",
  WEAK_PASSWORD:
    `Choose a stronger password: at least ${MIN_PASSWORD_LENGTH} characters, not common or ` +
    "predictable, and not made from your email address.",
  NETWORK_ERROR: "VoiceCraft could not be reached. Check your connection and try again.",
} as const;
