import type { Request } from "@middy/core";
import type { OrgActor } from "@voicecraft/core/actor";
import type { RequestOrigin } from "@voicecraft/core/audit";
import type { Logger } from "@voicecraft/core/log";
import type { SessionIdentity } from "@voicecraft/core/session";
import type { Runtime } from "../runtime.ts";

/** What a verifier established about a webhook or internal request. */
export interface VerifiedWebhook {
  provider: string;
  /**
   * The provider's id for this delivery or event (Stripe `evt_…`, `webhook-id` …). The
   * handler records it in the same transaction as its side effect, so a repeat changes
   * nothing. Null for providers that send none; their handlers are idempotent by content.
   */
  eventId: string | null;
  /** For subscription handshakes (Meta hub.challenge, Graph validationToken): echo this. */
  challenge?: string;
  /** The body, when the verifier had to parse it to verify it (Graph's clientState). */
  payload?: unknown;
}

/** What the middlewares learn about a request, for the next middleware and the handler. */
export interface RequestState {
  requestId: string;
  ip: string;
  userAgent: string;
  /** IP, user agent and approximate location, as AuthEvent records them. */
  origin: RequestOrigin;
  log: Logger;
  runtime: Runtime;
  session?: SessionIdentity;
  actor?: OrgActor;
  /** Set by a webhook or internal verifier once the request's signature checked out. */
  webhook?: VerifiedWebhook;
  input: { params: unknown; query: unknown; body: unknown };
}

const STATE = Symbol("voicecraft.state");

type WithState = { [STATE]?: RequestState };

// Kept on the Lambda context object because that is what Middy hands to the handler
// itself as well as to every middleware; a symbol key keeps it off anything serialized.

/** Attaches the state to a Middy request. */
export function setState(request: Request, state: RequestState): RequestState {
  (request.context as WithState)[STATE] = state;
  return state;
}

/** The state set by `requestContext`, or undefined if the chain failed before it. */
export function stateOf(request: Pick<Request, "context">): RequestState | undefined {
  return (request.context as WithState)[STATE];
}

/** The state, for middlewares and handlers that run after `requestContext`. */
export function requireState(request: Pick<Request, "context">): RequestState {
  const state = stateOf(request);
  if (!state) throw new Error("requestContext middleware must run first");
  return state;
}
