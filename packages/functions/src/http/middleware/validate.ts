import type { MiddlewareObj } from "@middy/core";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { ZodError, type ZodType } from "zod";
import type { RouteDef } from "../route.ts";
import { requireState } from "./state.ts";

/**
 * Where a string holds U+0000. PostgreSQL text cannot store that character and would
 * fail the statement, so it is refused here, as a field error, before anything runs.
 */
function nulPaths(value: unknown, path: (string | number)[], found: (string | number)[][]) {
  if (typeof value === "string") {
    if (value.includes("\u0000")) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nulPaths(item, [...path, i], found);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) nulPaths(item, [...path, key], found);
  }
  return found;
}

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
        for (const path of nulPaths(result.data, [name], [])) {
          issues.push({ code: "custom", path, message: "Must not contain U+0000", input: "" });
        }
      } else {
        issues.push(...result.error.issues.map((i) => ({ ...i, path: [name, ...i.path] })));
      }
    }
    if (issues.length > 0) throw new ZodError(issues);
  };
  return { before: validateBefore };
}
