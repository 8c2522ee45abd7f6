import type { Request } from "@middy/core";
import type { OrgActor } from "@voicecraft/core/actor";
import type { RequestOrigin } from "@voicecraft/core/audit";
import type { Logger } from "@voicecraft/core/log";
import type { SessionIdentity } from "@voicecraft/core/session";
import type { Runtime } from "../runtime.ts";

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
