import type { MiddlewareObj } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import {
  HUBSPOT_SIGNATURE_HEADER,
  HUBSPOT_TIMESTAMP_HEADER,
  verifyHubSpotSignature,
} from "@voicecraft/core/webhooks/hubspot";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { Env } from "../config.ts";
import { requireState } from "../middleware/state.ts";
import { apiBase } from "../public-url.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody } from "./raw.ts";

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
  const key = routeKey(route);
  if (route.guard.kind !== "webhook" || route.guard.provider !== "hubspot") {
    throw new Error(`${key}: the HubSpot verifier is for guard.webhook("hubspot") routes`);
  }

  const hubspotVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const { env } = state.runtime;
    const clientSecret = env.secret("HUBSPOT_CLIENT_SECRET");
    if (!clientSecret) throw new Error(`${key}: HUBSPOT_CLIENT_SECRET is not bound`);

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

    if (!result.ok) {
      state.log.info({ event: "webhook.unverified", provider: "hubspot", reason: result.reason });
      throw new VisibleError(
        "unauthenticated",
        "SIGNATURE_INVALID",
        "The webhook signature is missing or invalid.",
      );
    }

    state.webhook = { provider: "hubspot", eventId: null };
  };
  return { before: hubspotVerifierBefore };
};

/**
 * The URL HubSpot called, rebuilt from the API's public base: API Gateway rewrote the
 * host and the path the Lambda sees, and HubSpot signed the URL it was configured with.
 */
function calledUrl(env: Env, event: APIGatewayProxyEventV2): string | undefined {
  const base = apiBase(env, header(event, "host"));
  if (!base) return undefined;
  return `${base}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
}
