import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { type RouteDef, routeKey, type WebhookProvider } from "./route.ts";
import { signedCalls } from "./verifiers/signed-calls.ts";
import { subscriptions } from "./verifiers/subscriptions.ts";

/**
 * Makes the middleware that checks one route's requests. It runs before the body is
 * parsed and before anything is read from the database, on the raw bytes; on success
 * it records `state.webhook`, on failure it throws a VisibleError (SIGNATURE_INVALID,
 * 401 unless the provider expects another status) and nothing else happens.
 */
export type Verifier = (route: RouteDef) => MiddlewareObj<APIGatewayProxyEventV2>;

export type VerifierName = WebhookProvider | "internal";

/**
 * Signature verifiers by guard: one per webhook provider (WH1) and one for the voice
 * runtime's internal calls (WH2). A provider is listed only once its scheme is
 * implemented and tested against the provider's published examples.
 */
const VERIFIERS: Partial<Record<VerifierName, Verifier>> = { ...signedCalls, ...subscriptions };

/**
 * The verifier for a webhook or internal route. A route whose verifier does not exist
 * fails at cold start rather than serving unverified requests: fail closed.
 */
export function verifierFor(route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2> {
  const { guard } = route;
  const name =
    guard.kind === "webhook" ? guard.provider : guard.kind === "internal" ? "internal" : null;
  const verifier = name ? VERIFIERS[name] : undefined;
  if (!verifier) {
    throw new Error(`${routeKey(route)}: no signature verifier for guard "${name}"`);
  }
  return verifier(route);
}
