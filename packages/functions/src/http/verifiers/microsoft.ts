import type { Request } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import {
  type GraphFailure,
  graphHandshake,
  microsoftSigningKeys,
  verifyGraphNotifications,
} from "@voicecraft/core/webhooks/microsoft";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { Env } from "../config.ts";
import { type RequestState, requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { notConfigured, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "microsoft";
const REFUSED =
  "Expected a validationToken, or notifications with our clientState and valid validationTokens.";

/**
 * Microsoft Graph change notifications (WH1). A POST with `?validationToken=` is Graph
 * validating the notification URL: `state.webhook.challenge` is the decoded token, which
 * the handler answers with 200 text/plain. Any other POST is a batch of notifications:
 * every item's clientState must be MICROSOFT_GRAPH_CLIENT_STATE and every validation
 * JWT must verify, or the whole batch is refused.
 *
 * The body is parsed here, before the body parser, because clientState is inside it;
 * nothing is read from the database and nothing else happens before this decides.
 *
 * Graph's guide suggests answering 202 even to notifications that fail validation, so
 * that a forger cannot tell. We answer 401: what the forger would learn is only that a
 * constant-time secret check failed, and a genuine notification refused by a
 * misconfiguration is then redelivered by Graph (for up to 4 hours) instead of dropped.
 */
export const microsoftVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "microsoft") {
    throw new Error(
      `${routeKey(route)}: the Microsoft Graph verifier is for guard.webhook("microsoft") routes`,
    );
  }

  const microsoftVerifierBefore = async (request: Request<APIGatewayProxyEventV2>) => {
    const state = requireState(request);
    const { event } = request;

    const params = new URLSearchParams(event.rawQueryString ?? "");
    const handshakeTokens = params.getAll("validationToken");
    if (handshakeTokens.length > 0) {
      const [token] = handshakeTokens;
      const result =
        handshakeTokens.length === 1 && token !== undefined
          ? graphHandshake(token)
          : ({ ok: false, reason: "HANDSHAKE_TOKEN_MALFORMED" } as const);
      if (!result.ok) refuse(state, result.reason);
      state.webhook = { provider: PROVIDER, eventId: null, challenge: result.challenge };
      return;
    }

    const { env } = state.runtime;
    const clientState = requireWebhookSecret(state, PROVIDER, "MICROSOFT_GRAPH_CLIENT_STATE");

    const result = await verifyGraphNotifications({
      body: rawBody(event),
      clientState,
      appId: env.setting("MICROSOFT_APP_ID"),
      keys: microsoftSigningKeys(jwksUrl(env)),
      now: state.runtime.now(),
    });
    if (!result.ok) refuse(state, result.reason);
    // A batch mixes subscriptions and resources, and Graph may batch a retry differently:
    // there is no id for the request. Handlers deduplicate per item, by subscriptionId
    // and the item's id.
    state.webhook = { provider: PROVIDER, eventId: null };
  };
  return { before: microsoftVerifierBefore };
};

/**
 * Where Microsoft's signing keys are fetched. Only a local stage may point elsewhere
 * (tests serve their own keys); a deployed stage always uses Microsoft's.
 */
function jwksUrl(env: Env): string | undefined {
  return env.deployed ? undefined : env.setting("MICROSOFT_GRAPH_JWKS_URL");
}

/**
 * Refuses a failed check, except the failures that are ours, which answer 503 so that
 * Graph retries: an unset app id (needed once a rich notification arrives) and
 * Microsoft's key endpoint being down.
 */
function refuse(state: RequestState, reason: GraphFailure): never {
  if (reason === "APP_ID_UNSET") notConfigured(state, PROVIDER, "MICROSOFT_APP_ID");
  if (reason === "KEYS_UNAVAILABLE") {
    state.log.error({ event: "webhook.unavailable", provider: PROVIDER, reason });
    throw new VisibleError("unavailable", "WEBHOOK_UNAVAILABLE", "Try again later.");
  }
  refuseUnverified(state, PROVIDER, reason, { message: REFUSED });
}
