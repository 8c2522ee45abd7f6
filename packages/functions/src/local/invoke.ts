import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { RouteHandler } from "../http/handler.ts";
import type { RouteDef } from "../http/route.ts";
import { type LocalRequest, lambdaContext, toApiGatewayEvent } from "./event.ts";

const modules = new Map<string, Promise<RouteHandler>>();

/** The `handler` export of a route's module, imported once, as Lambda would. */
export function loadHandler(route: RouteDef): Promise<RouteHandler> {
  let loaded = modules.get(route.handler);
  if (!loaded) {
    const url = new URL(`../${route.handler}.ts`, import.meta.url).href;
    loaded = import(/* @vite-ignore */ url).then((mod: { handler?: RouteHandler }) => {
      if (!mod.handler) throw new Error(`${route.handler} has no handler export`);
      return mod.handler;
    });
    modules.set(route.handler, loaded);
  }
  return loaded;
}

/** Runs one request through a route's real Lambda handler, as API Gateway would. */
export async function invokeRoute(
  route: RouteDef,
  request: LocalRequest,
): Promise<APIGatewayProxyStructuredResultV2> {
  const handler = await loadHandler(route);
  return handler(toApiGatewayEvent(route, request), lambdaContext(route));
}
