import type { Request } from "@middy/core";
import {
  CLOVER_AUTH_HEADER,
  cloverVerificationCode,
  verifyCloverAuth,
} from "@voicecraft/core/webhooks/clover";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "../middleware/state.ts";
import { routeKey } from "../route.ts";
import type { Verifier } from "../verifiers.ts";
import { header, rawBody, refuseUnverified, requireWebhookSecret } from "./raw.ts";

const PROVIDER = "clover";
const REFUSED = "Expected X-Clover-Auth with the Clover Auth Code, or a verification code body.";

/**
 * Clover app webhooks (WH1). A notification must carry `X-Clover-Auth` equal to
 * CLOVER_WEBHOOK_SECRET. The one request without it that passes is Clover's verification
 * POST, `{"verificationCode": "…"}`, sent when the webhook URL is set: Clover needs a 200
 * and the operator needs the code. `state.webhook.challenge` holds it for the handler,
 * which must answer 200 and change nothing for any merchant; the code is never logged.
 */
export const cloverVerifier: Verifier = (route) => {
  if (route.guard.kind !== "webhook" || route.guard.provider !== "clover") {
    throw new Error(
      `${routeKey(route)}: the Clover verifier is for guard.webhook("clover") routes`,
    );
  }

  const cloverVerifierBefore = (request: Request<APIGatewayProxyEventV2>) => {
    const state = requireState(request);
    const { event } = request;
    const auth = header(event, CLOVER_AUTH_HEADER);

    // Only without the header: a request that claims to be a notification is checked as one.
    const code = auth === undefined ? cloverVerificationCode(rawBody(event)) : null;
    if (code !== null) {
      state.log.info({ event: "webhook.clover.verification_code_received", provider: PROVIDER });
      state.webhook = { provider: PROVIDER, eventId: null, challenge: code };
      return;
    }

    // Clover shows the auth code only after verification, so before it is configured the
    // verification POST above is the only request that can pass.
    const authCode = requireWebhookSecret(state, PROVIDER, "CLOVER_WEBHOOK_SECRET");

    const result = verifyCloverAuth({ authCode, header: auth });
    if (!result.ok) refuseUnverified(state, PROVIDER, result.reason, { message: REFUSED });
    // Clover sends no delivery id; each update has an objectId and a timestamp, by which
    // the handler deduplicates.
    state.webhook = { provider: PROVIDER, eventId: null };
  };
  return { before: cloverVerifierBefore };
};
