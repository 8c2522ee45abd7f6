import { createHash } from "node:crypto";
import { safeEqual } from "./compare.ts";

// Clover app webhooks, per Clover's "Use webhooks": when the webhook URL is set in the
// Developer Dashboard, Clover POSTs `{"verificationCode": "<uuid>"}` to it; the endpoint
// must answer 200, and the operator pastes the code into the dashboard. From then on
// every notification carries `X-Clover-Auth: <Clover Auth Code>`, the code the dashboard
// shows after verification (CLOVER_WEBHOOK_SECRET). Clover signs nothing else.

/** The header that carries the Clover Auth Code on every notification. */
export const CLOVER_AUTH_HEADER = "x-clover-auth";

/** Why a Clover request was refused; logged, never shown to the caller. */
export type CloverFailure = "AUTH_MISSING" | "AUTH_MISMATCH";

/** The outcome of a check: what was established, or why it failed. */
export type CloverResult = { ok: true } | { ok: false; reason: CloverFailure };

// Clover's codes are UUIDs; a bounded token keeps anything else out of the operator's view.
const VERIFICATION_CODE = /^[A-Za-z0-9-]{8,128}$/;
/** Larger than any verification body; a bigger one is a notification, never parsed here. */
const MAX_VERIFICATION_BODY = 512;

/**
 * The code in Clover's one-time verification POST, or null when the body is anything
 * else. The body must be a JSON object whose only key is `verificationCode`.
 *
 * That request is unauthenticated by design (the Clover Auth Code does not exist until
 * the code is pasted back), so the only thing it may cause is the code reaching the
 * operator: never a write on behalf of a merchant.
 */
export function cloverVerificationCode(body: Uint8Array): string | null {
  if (body.byteLength === 0 || body.byteLength > MAX_VERIFICATION_BODY) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return null;

  const keys = Object.keys(parsed);
  if (keys.length !== 1 || keys[0] !== "verificationCode") return null;

  const code = (parsed as { verificationCode: unknown }).verificationCode;
  return typeof code === "string" && VERIFICATION_CODE.test(code) ? code : null;
}

/** Checks a notification's `X-Clover-Auth` against the configured Clover Auth Code. */
export function verifyCloverAuth(input: {
  authCode: string;
  header: string | undefined;
}): CloverResult {
  const { authCode, header } = input;
  if (!header) return { ok: false, reason: "AUTH_MISSING" };

  // The code is a shared secret, not a signature: hashing both sides first keeps even its
  // length out of the comparison's timing.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!safeEqual(digest(header.trim()), digest(authCode))) {
    return { ok: false, reason: "AUTH_MISMATCH" };
  }
  return { ok: true };
}
