import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ZodError, type ZodType } from "zod";
import type { RouteDef } from "../route.ts";
import { requireState } from "./state.ts";

/**
 * Parses path, query and body with the route's zod schemas. All three are checked
 * before the first error is reported, so a client sees every field problem at once.
 * A route without a body schema never looks at the body.
 */
export function validate(route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2> {
  const parts = [
    ["params", route.params, (e: APIGatewayProxyEventV2) => e.pathParameters ?? {}],
    ["query", route.query, (e: APIGatewayProxyEventV2) => e.queryStringParameters ?? {}],
    ["body", route.body, (e: APIGatewayProxyEventV2) => e.body],
  ] as const satisfies readonly [string, ZodType | undefined, unknown][];

  const validateBefore: MiddlewareObj<APIGatewayProxyEventV2>["before"] = (request) => {
    const state = requireState(request);
    const issues: ZodError["issues"] = [];
    for (const [name, schema, read] of parts) {
      if (!schema) continue;
      const result = schema.safeParse(read(request.event));
      if (result.success) {
        state.input[name] = result.data;
      } else {
        issues.push(...result.error.issues.map((i) => ({ ...i, path: [name, ...i.path] })));
      }
    }
    if (issues.length > 0) throw new ZodError(issues);
  };
  return { before: validateBefore };
}
