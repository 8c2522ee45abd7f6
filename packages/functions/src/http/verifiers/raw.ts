import { VisibleError } from "@voicecraft/core/util/errors";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { RequestState } from "../middleware/state.ts";
import type { SecretName, SettingName } from "../secrets.ts";
import type { VerifierName } from "../verifiers.ts";

/**
 * The body exactly as the provider sent it. Signatures are over these bytes; a parsed
 * and re-serialized body would not match, so verifiers never read `event.body` after a
 * parser has run (they run first).
 */
export function rawBody(event: APIGatewayProxyEventV2): Buffer {
  if (event.body === undefined) return Buffer.alloc(0);
  return event.isBase64Encoded
    ? Buffer.from(event.body, "base64")
    : Buffer.from(event.body, "utf8");
}

/** A request header, by lower-case name (API Gateway v2 lower-cases them). */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}

/** A secret the verifier cannot check a request without; see `notConfigured`. */
export function requireWebhookSecret(
  state: RequestState,
  provider: VerifierName,
  name: SecretName,
): string {
  const value = state.runtime.env.secret(name);
  if (!value) notConfigured(state, provider, name);
  return value;
}

/**
 * A secret or setting is missing or unusable. That is our configuration, not the caller's
 * fault, so the answer is 503 rather than a refusal or a 500: providers retry a 503, and
 * the deliveries arrive once the webhook is set up.
 */
export function notConfigured(
  state: RequestState,
  provider: VerifierName,
  missing: SecretName | SettingName,
): never {
  state.log.error({ event: "webhook.not_configured", provider, missing });
  throw new VisibleError("unavailable", "WEBHOOK_NOT_CONFIGURED", "This webhook is not set up.");
}

/**
 * Refuses a request that failed verification. The reason goes to the log only: the caller
 * learns that the check failed, not which part of it. 401 unless the provider's own
 * handlers answer 403 (Twilio, Square).
 */
export function refuseUnverified(
  state: RequestState,
  provider: VerifierName,
  reason: string,
  options: { status?: 401 | 403; message?: string } = {},
): never {
  state.log.info({ event: "webhook.unverified", provider, reason });
  throw new VisibleError(
    options.status === 403 ? "forbidden" : "unauthenticated",
    "SIGNATURE_INVALID",
    options.message ?? "The webhook signature is missing or invalid.",
  );
}
