import type { MiddlewareObj } from "@middy/core";
import {
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  verifyHubSpotSignature,
} from "@voicecraft/core/webhooks/hubspot";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { calledUrl } from "../public-url.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "hubspot";

/**
 * HubSpot webhooks, checked by `X-HubSpot-Signature-v3` over method, public URL, raw body
 * and `X-HubSpot-Request-Timestamp`, within five minutes of the runtime's clock. A
 * failure answers 401; HubSpot documents no status for it.
 *
 * The request gets no event id: HubSpot posts a batch of up to 100 events, each with its
 * own `eventId`, and a retry need not batch them the same way, so the request as a whole
 * has no identity. Handlers record each event's `eventId` instead; taking the first would
 * let a re-batched retry skip, or repeat, the others.
 */
export const hubspotVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "hubspot") {
    throw new Error(
      `${routeKey(route)}: the HubSpot verifier is for guard.webhook("hubspot") routes`,
    );
  }

  const hubspotVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const { env } = state.runtime;
    const clientSecret = requireWebhookSecret(state, PROVIDER, "HUBSPOT_CLIENT_SECRET");

    const event = request.event;
    const uri = calledUrl(env, event);
    const result = uri
      ? verifyHubSpotSignature({
          clientSecret,
          method: event.requestContext.http.method,
          uri,
          body: rawBody(event),
          signature: header(event, HUBSPOT_SIGNATURE_HEADER),
          timestamp: header(event, HUBSPOT_TIMESTAMP_HEADER),
          now: state.runtime.now(),
        })
      : ({ ok: false, reason: "URL_INVALID" } as const);

    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason);

    state.webhook = { provider: PROVIDER, eventId: null };
  };
  return { before: hubspotVerifierBefore };
};
