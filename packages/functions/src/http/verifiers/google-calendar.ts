import type { Request } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import {
  type CalendarFailure,
  GOOGLE_CALENDAR_HEADERS,
  verifyCalendarNotification,
} from "@voicecraft/core/webhooks/google-calendar";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header } from "./raw.ts";

const PROVIDER = "google_calendar";

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

    const secret = state.runtime.env.secret("GOOGLE_CALENDAR_CHANNEL_SECRET");
    if (!secret) {
      state.log.error({
        event: "webhook.not_configured",
        provider: PROVIDER,
        missing: "GOOGLE_CALENDAR_CHANNEL_SECRET",
      });
      throw new VisibleError(
        "unavailable",
        "WEBHOOK_NOT_CONFIGURED",
        "This webhook is not set up.",
      );
    }

    const result = verifyCalendarNotification({
      secret,
      headers: {
        channelId: header(event, GOOGLE_CALENDAR_HEADERS.channelId),
        channelToken: header(event, GOOGLE_CALENDAR_HEADERS.channelToken),
        resourceState: header(event, GOOGLE_CALENDAR_HEADERS.resourceState),
        messageNumber: header(event, GOOGLE_CALENDAR_HEADERS.messageNumber),
      },
    });
    if (!result.ok) refuse(request, result.reason);
    state.webhook = { provider: PROVIDER, eventId: result.eventId };
  };
  return { before: googleCalendarVerifierBefore };
};

function refuse(request: Request, reason: CalendarFailure): never {
  requireState(request).log.info({ event: "webhook.unverified", provider: PROVIDER, reason });
  throw new VisibleError(
    "unauthenticated",
    "SIGNATURE_INVALID",
    "Expected X-Goog-Channel-Token for a channel we created, with its X-Goog-* headers.",
  );
}
