import type { Request } from "@middy/core";
import {
  GOOGLE_CALENDAR_HEADERS,
  verifyCalendarNotification,
} from "@voicecraft/core/webhooks/google-calendar";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "google_calendar";
const REFUSED =
  "Expected X-Goog-Channel-Token for a channel we created, with its X-Goog-* headers.";

/**
 * Google Calendar push notifications (WH1): the channel token must be the one we minted
 * for the channel id with GOOGLE_CALENDAR_CHANNEL_SECRET. The event id is
 * `${channelId}:${messageNumber}`, the same on Google's retries of a message.
 */
export const googleCalendarVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "google_calendar") {
    throw new Error(
      `${routeKey(route)}: the Google Calendar verifier is for guard.webhook("google_calendar") routes`,
    );
  }

  const googleCalendarVerifierBefore = (request: Request<APIGatewayProxyEventV2>) => {
    const state = requireState(request);
    const { event } = request;

    const secret = requireWebhookSecret(state, PROVIDER, "GOOGLE_CALENDAR_CHANNEL_SECRET");

    const result = verifyCalendarNotification({
      secret,
      headers: {
        channelId: header(event, GOOGLE_CALENDAR_HEADERS.channelId),
        channelToken: header(event, GOOGLE_CALENDAR_HEADERS.channelToken),
        resourceState: header(event, GOOGLE_CALENDAR_HEADERS.resourceState),
        messageNumber: header(event, GOOGLE_CALENDAR_HEADERS.messageNumber),
      },
    });
    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason, { message: REFUSED });
    state.webhook = { provider: PROVIDER, eventId: result.eventId };
  };
  return { before: googleCalendarVerifierBefore };
};
