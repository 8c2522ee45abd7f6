import type { Request } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import {
  type InternalWebhookFailure,
  verifyInternalWebhook,
} from "@voicecraft/core/webhooks/standard";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody } from "./raw.ts";

const PROVIDER = "internal";

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
      secret: state.runtime.env.secret("VOICECRAFT_API_KEY") ?? "",
      headers: {
        id: header(event, "webhook-id"),
        timestamp: header(event, "webhook-timestamp"),
        signature: header(event, "webhook-signature"),
      },
      body: rawBody(event),
      now: state.runtime.now(),
    });
    if (!result.ok) refuse(request, result.reason);
    state.webhook = { provider: PROVIDER, eventId: result.id };
  };
  return { before: internalVerifierBefore };
};

function refuse(request: Request, reason: InternalWebhookFailure): never {
  const { log } = requireState(request);
  if (reason === "SECRET_UNUSABLE") {
    // Missing, or not a `whsec_` key: our configuration, so the runtime should retry.
    log.error({
      event: "webhook.not_configured",
      provider: PROVIDER,
      missing: "VOICECRAFT_API_KEY",
    });
    throw new VisibleError("unavailable", "WEBHOOK_NOT_CONFIGURED", "This webhook is not set up.");
  }
  log.info({ event: "webhook.unverified", provider: PROVIDER, reason });
  throw new VisibleError(
    "unauthenticated",
    "SIGNATURE_INVALID",
    "Expected webhook-id, a current webhook-timestamp and a webhook-signature under the API key.",
  );
}
