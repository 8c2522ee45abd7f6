import type { MiddlewareObj } from "@middy/core";
import { verifySession } from "@voicecraft/core/session";
import { VisibleError } from "@voicecraft/core/util/errors";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { readCookie, sessionCookieName } from "../cookies.ts";
import { requireState } from "./state.ts";

const unauthenticated = () =>
  new VisibleError("unauthenticated", "UNAUTHENTICATED", "Sign in to continue.");

/**
 * Requires a live session: the cookie's JWT must verify and its session row must be
 * neither revoked nor expired. Every failure gets the same answer, so a caller learns
 * nothing about why a token was refused.
 */
export function authenticate(): MiddlewareObj<APIGatewayProxyEventV2> {
  const authenticateBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = async (request) => {
    const state = requireState(request);
    const { runtime } = state;
    if (!runtime.sessionKeys) throw new Error("SESSION_SIGNING_KEYS is not bound");

    const token = readCookie(request.event.cookies, sessionCookieName(runtime.env));
    if (!token) throw unauthenticated();

    const session = await verifySession(runtime.db, runtime.sessionKeys, token, runtime.now());
    if (!session) throw unauthenticated();

    state.session = session;
    state.log = state.log.child({ userId: session.userId });
  };
  return { before: authenticateBefore };
}
