import type { RouteDef } from "../http/route.ts";

/** A compiled route: its table entry and a matcher for concrete paths. */
export interface CompiledRoute {
  route: RouteDef;
  pattern: RegExp;
  names: string[];
}

/**
 * Compiles API Gateway path templates (`/orgs/{orgId}/agents`) the way API Gateway
 * matches them: a `{name}` is exactly one non-empty path segment.
 */
export function compileRoutes(routes: readonly RouteDef[]): CompiledRoute[] {
  return routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split("/")
      .map((segment) => {
        const param = /^\{(\w+)\}$/.exec(segment);
        if (!param?.[1]) return segment.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
        names.push(param[1]);
        return "([^/]+)";
      })
      .join("/");
    return { route, pattern: new RegExp(`^${source}$`), names };
  });
}

export type Match =
  | { kind: "found"; route: RouteDef; params: Record<string, string> }
  | { kind: "method_not_allowed" }
  | { kind: "not_found" };

/** Finds the route for a method and path (without the `/api` prefix). */
export function matchRoute(compiled: CompiledRoute[], method: string, path: string): Match {
  let pathMatched = false;
  for (const { route, pattern, names } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    names.forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? "");
    });
    return { kind: "found", route, params };
  }
  return pathMatched ? { kind: "method_not_allowed" } : { kind: "not_found" };
}
