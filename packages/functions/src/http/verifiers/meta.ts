import type { Request } from "@middy/core";
import {
  META_SIGNATURE_HEADER,
  verifyMetaSignature,
  verifyMetaSubscription,
} from "@voicecraft/core/webhooks/meta";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "meta";
const REFUSED =
  "Expected X-Hub-Signature-256 over the body, or a verification request with our verify token.";

/**
 * Meta (WhatsApp Cloud API) webhooks (WH1). On a GET route, Meta's verification request:
 * the verify token must be ours, and `state.webhook.challenge` is what the handler
 * echoes (text/plain). On any other route, `X-Hub-Signature-256` over the raw body.
 */
export const metaVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "meta") {
    throw new Error(`${routeKey(route)}: the Meta verifier is for guard.webhook("meta") routes`);
  }

  const handshake = route.method === "GET";

  const metaVerifierBefore = (request: Request<APIGatewayProxyEventV2>) => {
    const state = requireState(request);
    const { event } = request;

    if (handshake) {
      const verifyToken = requireWebhookSecret(state, PROVIDER, "META_VERIFY_TOKEN");
      const result = verifyMetaSubscription({ verifyToken, query: singleQuery(event) });
      if (!result.ok) refuseUnverified(state, PROVIDER, result.reason, { message: REFUSED });
      state.webhook = { provider: PROVIDER, eventId: null, challenge: result.challenge };
      return;
    }

    const appSecret = requireWebhookSecret(state, PROVIDER, "META_APP_SECRET");
    const result = verifyMetaSignature({
      appSecret,
      body: rawBody(event),
      header: header(event, META_SIGNATURE_HEADER),
    });
    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason, { message: REFUSED });
    // A delivery batches messages and statuses, each with its own id, and Meta sends no
    // delivery id: handlers deduplicate per item (wamid, template id).
    state.webhook = { provider: PROVIDER, eventId: null };
  };
  return { before: metaVerifierBefore };
};

/**
 * Query parameters from the raw query string, one value each. API Gateway joins a
 * repeated parameter with commas; a repeated one is dropped here instead, so that
 * `hub.verify_token=a&hub.verify_token=b` cannot pass for either.
 */
function singleQuery(event: APIGatewayProxyEventV2): Record<string, string | undefined> {
  const params = new URLSearchParams(event.rawQueryString ?? "");
  const query: Record<string, string | undefined> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? values[0] : undefined;
  }
  return query;
}
