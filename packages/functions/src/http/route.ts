import type { Role } from "@voicecraft/core/actor";
import type { ZodType } from "zod";

/** Providers whose webhooks reach us without a user session (WH1, TN2). */
export const WEBHOOK_PROVIDERS = [
  "twilio",
  "stripe",
  "square",
  "hubspot",
  "meta",
  "clover",
  "google_calendar",
  "microsoft",
] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

/**
 * Who may call a route. Every route states one (TN1); there is no default, so a route
 * that forgot its guard does not type-check.
 */
export type Guard =
  | { readonly kind: "public" }
  | { readonly kind: "session" }
  | { readonly kind: "org"; readonly role: Role }
  | { readonly kind: "webhook"; readonly provider: WebhookProvider }
  | { readonly kind: "internal" };

export const guard = {
  /** Anyone, signed in or not. */
  public: { kind: "public" },
  /** A signed-in user, in no particular organization. */
  session: { kind: "session" },
  /** `requireOrg` (membership of the org in the path) then `requireRole(role)`. */
  org: (role: Role) => ({ kind: "org", role }) as const,
  /** A provider webhook, verified by that provider's signature scheme before parsing. */
  webhook: (provider: WebhookProvider) => ({ kind: "webhook", provider }) as const,
  /** The voice runtime, signed with HMAC under `VOICECRAFT_API_KEY` (WH2). */
  internal: { kind: "internal" },
} as const satisfies Record<string, Guard | ((...args: never[]) => Guard)>;

/** A rate limit on a route, counted per client IP or per account (AU4). */
export interface RateLimit {
  readonly name: string;
  readonly by: "ip" | "account";
  readonly points: number;
  readonly windowSeconds: number;
}

/**
 * Outside services a route talks to; each one brings its secrets (and, deployed, its
 * permissions) with it.
 */
export type Capability = "storage" | "encryption" | "email" | "google" | "sessions";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One entry of the route table: everything infra and the local gateway need to serve it. */
export interface RouteDef<
  G extends Guard = Guard,
  P extends ZodType = ZodType,
  Q extends ZodType = ZodType,
  B extends ZodType = ZodType,
> {
  readonly method: HttpMethod;
  /** API Gateway syntax (`/orgs/{orgId}/agents`), without the `/api` prefix. */
  readonly path: string;
  /** Module under `src/`, without extension, whose `handler` export serves the route. */
  readonly handler: string;
  readonly guard: G;
  readonly params?: P;
  readonly query?: Q;
  readonly body?: B;
  /**
   * How the body is encoded: JSON (the default) or form-urlencoded (Twilio). Either way
   * a webhook's signature is checked on the raw bytes before it is parsed.
   */
  readonly bodyFormat?: "json" | "form";
  readonly rateLimits?: readonly RateLimit[];
  readonly uses?: readonly Capability[];
  /** A valid request, for docs and for tests that walk the table (the cross-tenant test). */
  readonly example?: { readonly body?: unknown };
}

/** Declares a route. Pure, so bundles keep only the routes they import. */
export function defineRoute<
  G extends Guard,
  P extends ZodType = ZodType,
  Q extends ZodType = ZodType,
  B extends ZodType = ZodType,
>(def: RouteDef<G, P, Q, B>): RouteDef<G, P, Q, B> {
  return Object.freeze(def);
}

/** `GET /orgs/{orgId}/agents`: how a route is named in logs, tests and the size table. */
export function routeKey(route: Pick<RouteDef, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}
