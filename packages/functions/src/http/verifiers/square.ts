import type { MiddlewareObj } from "@middy/core";
import { SQUARE_SIGNATURE_HEADER, verifySquareSignature } from "@voicecraft/core/webhooks/square";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { calledUrl } from "../public-url.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "square";

/**
 * Square event notifications, checked by `x-square-hmacsha256-signature` over the
 * notification URL and the raw body. A failure answers 403, as Square's documented
 * handler does ("Signature is invalid. Return 403 Forbidden."). The notification's
 * `event_id` is Square's idempotency key; handlers record it to refuse a repeat.
 */
export const squareVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "square") {
    throw new Error(
      `${routeKey(route)}: the Square verifier is for guard.webhook("square") routes`,
    );
  }

  const squareVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const { env } = state.runtime;
    const signatureKey = requireWebhookSecret(state, PROVIDER, "SQUARE_WEBHOOK_SIGNATURE_KEY");

    const event = request.event;
    const notificationUrl = calledUrl(env, event);
    const result = notificationUrl
      ? verifySquareSignature({
          signatureKey,
          notificationUrl,
          body: rawBody(event),
          signature: header(event, SQUARE_SIGNATURE_HEADER),
        })
      : ({ ok: false, reason: "URL_INVALID" } as const);

    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason, { status: 403 });

    state.webhook = { provider: PROVIDER, eventId: result.eventId };
  };
  return { before: squareVerifierBefore };
};
