import type { MiddlewareObj } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import { SQUARE_SIGNATURE_HEADER, verifySquareSignature } from "@voicecraft/core/webhooks/square";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { Env } from "../config.ts";
import { requireState } from "../middleware/state.ts";
import { apiBase } from "../public-url.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody } from "./raw.ts";

/**
 * Square event notifications, checked by `x-square-hmacsha256-signature` over the
 * notification URL and the raw body. A failure answers 403, as Square's documented
 * handler does ("Signature is invalid. Return 403 Forbidden."). The notification's
 * `event_id` is Square's idempotency key; handlers record it to refuse a repeat.
 */
export const squareVerifier: Verifier = (route) => {
  const key = routeKey(route);
  if (route.guard.kind !== "webhook" || route.guard.provider !== "square") {
    throw new Error(`${key}: the Square verifier is for guard.webhook("square") routes`);
  }

  const squareVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const { env } = state.runtime;
    const signatureKey = env.secret("SQUARE_WEBHOOK_SIGNATURE_KEY");
    if (!signatureKey) throw new Error(`${key}: SQUARE_WEBHOOK_SIGNATURE_KEY is not bound`);

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

    if (!result.ok) {
      state.log.info({ event: "webhook.unverified", provider: "square", reason: result.reason });
      throw new VisibleError(
        "forbidden",
        "SIGNATURE_INVALID",
        "The webhook signature is missing or invalid.",
      );
    }

    state.webhook = { provider: "square", eventId: result.eventId };
  };
  return { before: squareVerifierBefore };
};

/**
 * The notification URL, rebuilt from the API's public base: API Gateway rewrote the host
 * and the path the Lambda sees, and Square signed the URL of the subscription.
 */
function calledUrl(env: Env, event: APIGatewayProxyEventV2): string | undefined {
  const base = apiBase(env, header(event, "host"));
  if (!base) return undefined;
  return `${base}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
}
