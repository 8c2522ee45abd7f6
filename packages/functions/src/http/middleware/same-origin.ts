import type { MiddlewareObj } from "@middy/core";
import { VisibleError } from "@voicecraft/core/util/errors";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { requireState } from "./state.ts";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF defence for cookie-authenticated and sign-in requests: a state-changing request
 * must carry an `Origin` naming the dashboard. Browsers always send it on POST, PUT,
 * PATCH and DELETE and a page cannot forge it, so a form on another site cannot act with
 * the victim's cookie (SameSite=Lax already stops most of that; this closes the rest,
 * such as sibling subdomains). On the local stage the dashboard and API share an origin,
 * so the request's own host counts as the dashboard.
 */
export function requireSameOrigin(): MiddlewareObj<APIGatewayProxyEventV2> {
  const requireSameOriginBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const event = request.event;
    if (SAFE.has(event.requestContext?.http?.method ?? "GET")) return;

    const { runtime } = requireState(request);
    const origin = event.headers?.origin;
    const allowed = new Set<string>();
    const dashboard = runtime.env.setting("DASHBOARD_ORIGIN");
    if (dashboard) allowed.add(dashboard);
    if (!runtime.env.deployed && event.headers?.host) allowed.add(`http://${event.headers.host}`);

    if (!origin || !allowed.has(origin)) {
      throw new VisibleError(
        "forbidden",
        "ORIGIN_NOT_ALLOWED",
        "This request must come from the VoiceCraft dashboard.",
      );
    }
  };
  return { before: requireSameOriginBefore };
}
