import type { Request } from "@middy/core";
import { verifyInternalWebhook } from "@voicecraft/core/webhooks/standard";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, notConfigured, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "internal";
const REFUSED =
  "Expected webhook-id, a current webhook-timestamp and a webhook-signature under the API key.";

/**
 * The voice runtime's calls (WH2): Standard Webhooks signatures under VOICECRAFT_API_KEY,
 * within five minutes of the runtime's clock. The event id is `webhook-id`; refusing one
 * already seen happens in the handler's transaction, with its side effect.
 */
export const internalVerifier: Verifier = (route) => {
  if (route.guard.kind !== "internal") {
    throw new Error(`${routeKey(route)}: the internal verifier is for guard.internal routes`);
  }

  const internalVerifierBefore = (request: Request<APIGatewayProxyEventV2>) => {
    const state = requireState(request);
    const { event } = request;

    const result = verifyInternalWebhook({
      secret: requireWebhookSecret(state, PROVIDER, "VOICECRAFT_API_KEY"),
      headers: {
        id: header(event, "webhook-id"),
        timestamp: header(event, "webhook-timestamp"),
        signature: header(event, "webhook-signature"),
      },
      body: rawBody(event),
      now: state.runtime.now(),
    });
    if (!result.ok) {
      // Set, but not a `whsec_` key: our configuration, so the runtime should retry.
      if (result.reason === "SECRET_UNUSABLE") notConfigured(state, PROVIDER, "VOICECRAFT_API_KEY");
      refuseUnverified(state, PROVIDER, result.reason, { message: REFUSED });
    }
    state.webhook = { provider: PROVIDER, eventId: result.id };
  };
  return { before: internalVerifierBefore };
};
