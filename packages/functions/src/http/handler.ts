import middy, { type MiddlewareObj } from "@middy/core";
import httpCors from "@middy/http-cors";
import httpHeaderNormalizer from "@middy/http-header-normalizer";
import httpJsonBodyParser from "@middy/http-json-body-parser";
import httpSecurityHeaders from "@middy/http-security-headers";
import httpUrlencodeBodyParser from "@middy/http-urlencode-body-parser";
import type { OrgContext } from "@voicecraft/core/actor";
import type { RequestOrigin } from "@voicecraft/core/audit";
import type { Database } from "@voicecraft/core/db";
import type { Logger } from "@voicecraft/core/log";
import type { SessionIdentity } from "@voicecraft/core/session";
import type {
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Context,
} from "aws-lambda";
import type { output, ZodType } from "zod";
import { authenticate } from "./middleware/authenticate.ts";
import { errorHandler } from "./middleware/error-handler.ts";
import { requireOrg, requireRole } from "./middleware/org-guard.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { requestContext } from "./middleware/request-context.ts";
import { requireSameOrigin } from "./middleware/same-origin.ts";
import { requireState, type VerifiedWebhook } from "./middleware/state.ts";
import { validate } from "./middleware/validate.ts";
import type { Reply } from "./response.ts";
import type { Guard, RouteDef } from "./route.ts";
import type { Runtime } from "./runtime.ts";
import { verifierFor } from "./verifiers.ts";

type Parsed<S> = NonNullable<S> extends ZodType ? output<NonNullable<S>> : undefined;

/** What a route handler receives: validated input and the identity its guard established. */
export interface HandlerRequest<R extends RouteDef> {
  params: Parsed<R["params"]>;
  query: Parsed<R["query"]>;
  body: Parsed<R["body"]>;
  db: Database;
  runtime: Runtime;
  log: Logger;
  requestId: string;
  ip: string;
  userAgent: string;
  /** IP, user agent and approximate location, for AuthEvent. */
  origin: RequestOrigin;
  /** Request headers, lower-cased by the header normalizer. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Cookies as API Gateway passes them (`name=value` strings). */
  cookies: readonly string[];
  /** The signed-in user, on `session` and `org` routes. */
  session: R["guard"] extends { kind: "session" | "org" } ? SessionIdentity : undefined;
  /** What the verifier established, on `webhook` and `internal` routes. */
  webhook: R["guard"] extends { kind: "webhook" | "internal" } ? VerifiedWebhook : undefined;
  /** The org scope for core, on `org` routes: the org id in it was checked by the guard. */
  org: R["guard"] extends { kind: "org" } ? OrgContext : undefined;
}

export type RouteHandler = ((
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>) & { readonly route: RouteDef };

// HSTS on every response (TR3). Browsers ignore it over plain http, so sending it from
// the local gateway is harmless and keeps one code path.
const securityHeaders = httpSecurityHeaders({
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true, preload: true },
  contentSecurityPolicy: { "default-src": "'none'", "frame-ancestors": "'none'" },
});

// The API answers the dashboard only; no wildcard, credentials allowed for the cookie.
const cors = httpCors({
  origin: process.env.DASHBOARD_ORIGIN ?? "http://localhost:3000",
  credentials: true,
  methods: "GET,POST,PUT,PATCH,DELETE",
  headers: "content-type",
});

/** API data is per user and per org: no shared cache may keep it (TN3). */
const noStore: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> = {
  after: ({ response }) => {
    if (response) response.headers = { "cache-control": "no-store", ...response.headers };
  },
  onError: ({ response }) => {
    if (response) response.headers = { "cache-control": "no-store", ...response.headers };
  },
};

/**
 * Builds a route's Lambda handler from its table entry: the guard, the parsers and the
 * validation all follow from `route`, so a handler cannot skip or reorder them.
 */
export function createHandler<R extends RouteDef>(
  route: R,
  fn: (request: HandlerRequest<R>) => Promise<Reply>,
): RouteHandler {
  const chain = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
    .use(noStore)
    .use(cors)
    .use(securityHeaders)
    // Used after the header middlewares so its onError runs first and they decorate it.
    .use(errorHandler())
    .use(requestContext(route))
    .use(httpHeaderNormalizer());

  for (const middleware of guardMiddlewares(route)) chain.use(middleware);
  chain.use(validate(route));
  if (route.rateLimits?.some((limit) => limit.by === "account")) {
    chain.use(rateLimit(route, "account"));
  }

  const handler = chain.handler(async (event, context) => {
    const state = requireState({ context });
    const { runtime, session, actor } = state;
    const request = {
      ...state.input,
      db: runtime.db,
      runtime,
      log: state.log,
      requestId: state.requestId,
      ip: state.ip,
      userAgent: state.userAgent,
      origin: state.origin,
      headers: event.headers ?? {},
      cookies: event.cookies ?? [],
      session,
      org: actor ? { db: runtime.db, actor } : undefined,
      webhook: state.webhook,
    } as unknown as HandlerRequest<R>;
    return toResult(await fn(request));
  });
  return Object.assign(handler, { route }) as unknown as RouteHandler;
}

function guardMiddlewares(route: RouteDef): MiddlewareObj<APIGatewayProxyEventV2>[] {
  const guard: Guard = route.guard;
  const perIp = route.rateLimits?.some((limit) => limit.by === "ip")
    ? [rateLimit(route, "ip")]
    : [];
  const parse = !route.body
    ? []
    : route.bodyFormat === "form"
      ? [httpUrlencodeBodyParser() as MiddlewareObj<APIGatewayProxyEventV2>]
      : [httpJsonBodyParser()];
  switch (guard.kind) {
    case "public":
      return [requireSameOrigin(), ...perIp, ...parse];
    case "session":
      return [requireSameOrigin(), ...perIp, authenticate(), ...parse];
    case "org":
      return [
        requireSameOrigin(),
        ...perIp,
        authenticate(),
        requireOrg(),
        requireRole(guard.role),
        ...parse,
      ];
    case "webhook":
    case "internal":
      // Signatures are checked on the raw bytes, before the body is parsed or anything
      // is read; provider webhooks carry no browser Origin.
      return [verifierFor(route), ...perIp, ...parse];
  }
}

function toResult(reply: Reply): APIGatewayProxyStructuredResultV2 {
  const result: APIGatewayProxyStructuredResultV2 = {
    statusCode: reply.status,
    headers: { ...reply.headers },
  };
  if (reply.text) {
    result.headers = { "content-type": reply.text.contentType, ...result.headers };
    result.body = reply.text.content;
  } else if (reply.body !== undefined) {
    result.headers = { "content-type": "application/json; charset=utf-8", ...result.headers };
    result.body = JSON.stringify(reply.body);
  }
  if (reply.cookies?.length) result.cookies = reply.cookies;
  return result;
}
