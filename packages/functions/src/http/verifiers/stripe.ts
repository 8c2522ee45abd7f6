import type { MiddlewareObj } from "@middy/core";
import {
  STRIPE_SIGNATURE_HEADER,
  stripeSecrets,
  verifyStripeSignature,
} from "@voicecraft/core/webhooks/stripe";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, notConfigured, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "stripe";

/**
 * Stripe events, checked by `Stripe-Signature` against every secret in
 * `STRIPE_WEBHOOK_SECRET` (comma-separated while one is being rolled), within 300 s of the
 * runtime's clock. A failure answers 401: Stripe retries any non-2xx alike and documents
 * no particular status, and its samples' 400 would say "bad input" of a forged request.
 * The event id (`evt_…`) is what handlers record to refuse a repeat.
 */
export const stripeVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "stripe") {
    throw new Error(
      `${routeKey(route)}: the Stripe verifier is for guard.webhook("stripe") routes`,
    );
  }

  const stripeVerifierBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const secrets = stripeSecrets(requireWebhookSecret(state, PROVIDER, "STRIPE_WEBHOOK_SECRET"));
    // Set, but only commas and spaces: as unusable as unset.
    if (secrets.length === 0) notConfigured(state, PROVIDER, "STRIPE_WEBHOOK_SECRET");

    const event = request.event;
    const result = verifyStripeSignature({
      secrets,
      header: header(event, STRIPE_SIGNATURE_HEADER),
      body: rawBody(event),
      now: state.runtime.now(),
    });

    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason);

    state.webhook = { provider: PROVIDER, eventId: result.eventId };
  };
  return { before: stripeVerifierBefore };
};
