import type { MiddlewareObj } from "@middy/core";
import { log } from "@voicecraft/core/log";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { RouteDef } from "../route.ts";
import { routeKey } from "../route.ts";
import { useRuntime } from "../runtime.ts";
import { setState } from "./state.ts";

/**
 * Sets up what every later step uses: the runtime, a request id, a per-request logger,
 * and the client IP. The IP comes from API Gateway's view of the connection
 * (`requestContext.http.sourceIp`), never from `X-Forwarded-For`, which callers can set.
 */
export function requestContext(route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2> {
  const key = routeKey(route);
  const requestContextBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = async (request) => {
    const runtime = await useRuntime();
    const event = request.event;
    const requestId = request.context.awsRequestId;
    const headers = event.headers ?? {};
    const ip = event.requestContext?.http?.sourceIp ?? "";
    const userAgent = headers["user-agent"] ?? "";
    setState(request, {
      requestId,
      ip,
      userAgent,
      // CloudFront's viewer headers, when the request came through it; absent locally.
      origin: {
        ip: ip || null,
        userAgent: userAgent || null,
        country: headers["cloudfront-viewer-country"] ?? null,
        region: headers["cloudfront-viewer-country-region"] ?? null,
        city: headers["cloudfront-viewer-city"] ?? null,
      },
      log: log.child({ requestId, route: key }),
      runtime,
      input: { params: undefined, query: undefined, body: undefined },
    });
  };
  return { before: requestContextBefore };
}
