import type { Verifier, VerifierName } from "../verifiers.ts";
import { cloverVerifier } from "./clover.ts";
import { googleCalendarVerifier } from "./google-calendar.ts";
import { internalVerifier } from "./internal.ts";
import { metaVerifier } from "./meta.ts";
import { microsoftVerifier } from "./microsoft.ts";

/**
 * Providers with a subscription handshake, and the voice runtime: Meta, Clover, Google
 * Calendar, Microsoft Graph, and internal Standard Webhooks.
 */
export const subscriptions: Partial<Record<VerifierName, Verifier>> = {
  meta: metaVerifier,
  clover: cloverVerifier,
  google_calendar: googleCalendarVerifier,
  microsoft: microsoftVerifier,
  internal: internalVerifier,
};
