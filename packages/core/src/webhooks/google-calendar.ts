import { createHmac } from "node:crypto";
import { safeEqualText } from "./compare.ts";

// Google Calendar push notifications ("Push notifications" guide): Google POSTs an empty
// body with `X-Goog-*` headers to the channel's address. Nothing is signed; the one
// secret is the channel token we chose when we created the watch channel, which Google
// echoes in `X-Goog-Channel-Token`. We derive that token from the channel id with an
// HMAC, so a notification is verified by recomputing it, with no database read first.
//
// The token authenticates the channel, not the message: a notification only says "this
// calendar changed", and the handler fetches the changes from the Calendar API itself.

/** The headers Google sends with every notification, lower-cased. */
export const GOOGLE_CALENDAR_HEADERS = {
  channelId: "x-goog-channel-id",
  channelToken: "x-goog-channel-token",
  resourceState: "x-goog-resource-state",
  messageNumber: "x-goog-message-number",
} as const;

/** `sync` opens a channel; `exists` and `not_exists` report a change (Calendar API). */
export type CalendarResourceState = "sync" | "exists" | "not_exists";

/** Why a notification was refused; logged, never shown to the caller. */
export type CalendarFailure =
  | "CHANNEL_ID_MALFORMED"
  | "TOKEN_MISSING"
  | "TOKEN_MISMATCH"
  | "RESOURCE_STATE_UNKNOWN"
  | "MESSAGE_NUMBER_MALFORMED";

/** A verified notification. */
export interface CalendarNotification {
  channelId: string;
  resourceState: CalendarResourceState;
  messageNumber: string;
  /** `${channelId}:${messageNumber}`: unique per message, the same on Google's retries. */
  eventId: string;
}

/** The outcome of a check: the notification, or why it failed. */
export type CalendarResult =
  | ({ ok: true } & CalendarNotification)
  | { ok: false; reason: CalendarFailure };

// Google's rule for channel ids (`channels.watch`): up to 64 of these characters.
const CHANNEL_ID = /^[A-Za-z0-9\-_+/=]{1,64}$/;
const MESSAGE_NUMBER = /^[1-9][0-9]{0,19}$/;
const STATES: ReadonlySet<string> = new Set<CalendarResourceState>([
  "sync",
  "exists",
  "not_exists",
]);

/**
 * The token to pass as `token` when creating a watch channel with id `channelId`:
 * base64url(HMAC-SHA256(GOOGLE_CALENDAR_CHANNEL_SECRET, channelId)). Rotating the secret
 * invalidates open channels, so rotate by letting them expire and re-creating them.
 */
export function channelToken(secret: string, channelId: string): string {
  return createHmac("sha256", secret).update(channelId, "utf8").digest("base64url");
}

/** Checks a push notification's headers against the channel secret. */
export function verifyCalendarNotification(input: {
  secret: string;
  headers: {
    channelId: string | undefined;
    channelToken: string | undefined;
    resourceState: string | undefined;
    messageNumber: string | undefined;
  };
}): CalendarResult {
  const { secret } = input;
  const channelId = input.headers.channelId?.trim() ?? "";
  const token = input.headers.channelToken?.trim();
  const resourceState = input.headers.resourceState?.trim() ?? "";
  const messageNumber = input.headers.messageNumber?.trim() ?? "";

  if (!CHANNEL_ID.test(channelId)) return { ok: false, reason: "CHANNEL_ID_MALFORMED" };

  if (!token) return { ok: false, reason: "TOKEN_MISSING" };

  // The token's length is public (43 base64url characters); its content is compared in
  // constant time, as text, so no lenient decoding lets two values pass for one.
  if (!safeEqualText(token, channelToken(secret, channelId))) {
    return { ok: false, reason: "TOKEN_MISMATCH" };
  }

  if (!STATES.has(resourceState)) return { ok: false, reason: "RESOURCE_STATE_UNKNOWN" };

  if (!MESSAGE_NUMBER.test(messageNumber)) {
    return { ok: false, reason: "MESSAGE_NUMBER_MALFORMED" };
  }

  return {
    ok: true,
    channelId,
    resourceState: resourceState as CalendarResourceState,
    messageNumber,
    eventId: `${channelId}:${messageNumber}`,
  };
}
