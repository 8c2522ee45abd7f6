import type { MiddlewareObj } from "@middy/core";
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from "@voicecraft/core/webhooks/twilio";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { calledUrl } from "../public-url.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "twilio";

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
  if (route.guard.kind !== "webhook" || route.guard.provider !== "twilio") {
    throw new Error(
      `${routeKey(route)}: the Twilio verifier is for guard.webhook("twilio") routes`,
    );
  }

  const twilioVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const { env } = state.runtime;
    const authToken = requireWebhookSecret(state, PROVIDER, "TWILIO_AUTH_TOKEN");

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

    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason, { status: 403 });

    state.webhook = { provider: PROVIDER, eventId: null };
  };
  return { before: twilioVerifierBefore };
};
