import { createHash } from "node:crypto";
import type { MiddlewareObj } from "@middy/core";
import { consume } from "@voicecraft/core/ratelimit";
import { VisibleError } from "@voicecraft/core/util/errors";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { RateLimit, RouteDef } from "../route.ts";
import { type RequestState, requireState } from "./state.ts";

/**
 * The account a request is about: the signed-in user, or the email or reset token in
 * the (validated) body. Tokens are hashed so the counter's key never holds a secret.
 */
function accountOf(state: RequestState): string | undefined {
  if (state.session) return `user:${state.session.userId}`;
  const body = state.input.body as { email?: unknown; token?: unknown } | undefined;
  if (typeof body?.email === "string") return `email:${body.email.toLowerCase()}`;
  if (typeof body?.token === "string") {
    return `token:${createHash("sha256").update(body.token).digest("hex").slice(0, 32)}`;
  }
  return undefined;
}

/**
 * Applies a route's limits of one kind (AU4). Per-IP limits run before the body is
 * parsed, so a flood costs as little as possible; per-account limits run after
 * validation, when the account is known. Over the limit: 429 RATE_LIMITED with
 * `Retry-After`, and the handler does not run.
 */
export function rateLimit(
  route: RouteDef,
  by: RateLimit["by"],
): MiddlewareObj<APIGatewayProxyEventV2> {
  const limits = (route.rateLimits ?? []).filter((limit) => limit.by === by);
  const rateLimitBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = async (request) => {
    const state = requireState(request);
    const subject = by === "ip" ? state.ip && `ip:${state.ip}` : accountOf(state);
    if (!subject) return;

    for (const limit of limits) {
      const result = await consume(state.runtime.db, {
        key: `${limit.name}:${subject}`,
        points: limit.points,
        windowSeconds: limit.windowSeconds,
        now: state.runtime.now(),
      });
      if (!result.allowed) {
        state.log.warn({ event: "rate_limited", limit: limit.name, by });
        throw new VisibleError(
          "rate_limited",
          "RATE_LIMITED",
          "Too many attempts. Wait and try again.",
          { retryAfterSeconds: result.retryAfterSeconds },
        );
      }
    }
  };
  return { before: rateLimitBefore };
}
