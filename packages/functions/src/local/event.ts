import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import type { RouteDef } from "../http/route.ts";

/** One HTTP request, as the local gateway or a test has it. */
export interface LocalRequest {
  method: string;
  /** The path without the `/api` prefix, and without the query string. */
  path: string;
  rawQuery?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer | string;
  sourceIp?: string;
  pathParameters?: Record<string, string>;
}

const TEXT_TYPES = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/i;

/**
 * Builds the API Gateway HTTP API (payload 2.0) event that AWS would hand the route's
 * Lambda for this request, so handlers run locally exactly as deployed: cookies moved
 * to `cookies`, duplicate query keys joined by commas, binary bodies base64-encoded.
 */
export function toApiGatewayEvent(route: RouteDef, request: LocalRequest): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(lower === "cookie" ? "; " : ",") : value;
    if (lower === "cookie") {
      cookies = joined.split(/;\s*/).filter(Boolean);
    } else {
      headers[lower] = joined;
    }
  }

  const query: Record<string, string> = {};
  const search = new URLSearchParams(request.rawQuery ?? "");
  for (const key of new Set(search.keys())) query[key] = search.getAll(key).join(",");

  const body = request.body;
  const contentType = headers["content-type"] ?? "";
  const isText = typeof body === "string" || TEXT_TYPES.test(contentType);
  const now = new Date();

  return {
    version: "2.0",
    routeKey: `${route.method} ${route.path}`,
    rawPath: request.path,
    rawQueryString: request.rawQuery ?? "",
    headers,
    ...(cookies ? { cookies } : {}),
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    ...(request.pathParameters && Object.keys(request.pathParameters).length > 0
      ? { pathParameters: request.pathParameters }
      : {}),
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: "localhost",
      http: {
        method: request.method,
        path: request.path,
        protocol: "HTTP/1.1",
        sourceIp: request.sourceIp ?? "127.0.0.1",
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body === undefined || body.length === 0
      ? { isBase64Encoded: false }
      : isText
        ? { body: body.toString(), isBase64Encoded: false }
        : { body: Buffer.from(body).toString("base64"), isBase64Encoded: true }),
  };
}

/** A Lambda context for one local invocation. */
export function lambdaContext(route: RouteDef): Context {
  const name = `voicecraft-local-${route.handler.replace(/\W+/g, "-")}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: name,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${name}`,
    memoryLimitInMB: "1024",
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: "local",
    getRemainingTimeInMillis: () => 30_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}
