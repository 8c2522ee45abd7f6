import type { MiddlewareObj } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from "@voicecraft/core/webhooks/twilio";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { Env } from "../config.ts";
import { requireState } from "../middleware/state.ts";
import { apiBase } from "../public-url.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody } from "./raw.ts";

/**
 * Twilio's webhooks (voice, call status, recordings, messaging), checked by
 * `X-Twilio-Signature` over the public URL and the form parameters, or the `bodySHA256`
 * of a JSON body. A failure answers 403, as Twilio's own validator middleware does.
 *
 * The verified request gets no event id: Twilio signs no delivery id (the
 * `I-Twilio-Idempotency-Token` header is outside the signature, so a replayer could
 * change it), and the scheme has no timestamp. Handlers are idempotent by content
 * instead: a call by its CallSid, a status by CallSid and status.
 */
export const twilioVerifier: Verifier = (route) => {
  const key = routeKey(route);
  if (route.guard.kind !== "webhook" || route.guard.provider !== "twilio") {
    throw new Error(`${key}: the Twilio verifier is for guard.webhook("twilio") routes`);
  }

  const twilioVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const { env } = state.runtime;
    const authToken = env.secret("TWILIO_AUTH_TOKEN");
    if (!authToken) throw new Error(`${key}: TWILIO_AUTH_TOKEN is not bound`);

    const event = request.event;
    const url = calledUrl(env, event);
    const result = url
      ? verifyTwilioSignature({
          authToken,
          url,
          body: rawBody(event),
          signature: header(event, TWILIO_SIGNATURE_HEADER),
        })
      : ({ ok: false, reason: "URL_INVALID" } as const);

    if (!result.ok) {
      state.log.info({ event: "webhook.unverified", provider: "twilio", reason: result.reason });
      throw new VisibleError(
        "forbidden",
        "SIGNATURE_INVALID",
        "The webhook signature is missing or invalid.",
      );
    }

    state.webhook = { provider: "twilio", eventId: null };
  };
  return { before: twilioVerifierBefore };
};

/**
 * The URL Twilio called, rebuilt from the API's public base: API Gateway rewrote the host
 * and the path the Lambda sees, and Twilio signed the URL it was configured with.
 */
function calledUrl(env: Env, event: APIGatewayProxyEventV2): string | undefined {
  const base = apiBase(env, header(event, "host"));
  if (!base) return undefined;
  return `${base}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
}
