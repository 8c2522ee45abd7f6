import { insertUser } from "@voicecraft/core/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RateLimit, type RouteDef, routeKey } from "../src/http/route.ts";
import { authSignIn, authSignUp, authVerifyEmail, routes } from "../src/routes.ts";
import { type CallResult, startTestApp, type TestApp } from "./app.ts";

// AU4 over the route table: every declared limit, per IP and per account, admits exactly
// its points under a concurrent burst and answers the rest 429 with Retry-After.

let app: TestApp;
let unique = 0;

beforeAll(async () => {
  app = await startTestApp({
    GOOGLE_ISSUER: "http://127.0.0.1:9/unreachable",
    GOOGLE_CLIENT_ID: "test-client",
    GOOGLE_CLIENT_SECRET: "test-secret",
  });
});

afterAll(() => app.close());

/** The route's example body with a new account in it, so only the IP is shared. */
function freshAccount(body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  unique += 1;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if ("email" in copy) copy.email = `burst-${unique}@example.test`;
  if ("token" in copy) copy.token = `token-${unique}-${"x".repeat(40)}`;
  return copy;
}

/**
 * Sends `points + extra` requests at once. For a per-IP limit they share an IP and each
 * has its own account; for a per-account limit they share the account and each comes
 * from a new IP.
 */
async function burst(route: RouteDef, limit: RateLimit, extra: number): Promise<CallResult[]> {
  unique += 1;
  const ip = `192.0.2.${unique % 250}`;
  const sharedBody = freshAccount(route.example?.body);
  const sharedCookie = route.guard.kind === "session" ? await newSession() : undefined;
  const requests = await Promise.all(
    Array.from({ length: limit.points + extra }, async () => {
      const perIp = limit.by === "ip";
      const body = route.body
        ? perIp
          ? freshAccount(route.example?.body)
          : sharedBody
        : undefined;
      const cookie =
        route.guard.kind === "session" ? (perIp ? await newSession() : sharedCookie) : undefined;
      return {
        ...(perIp ? { ip } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(cookie ? { cookie } : {}),
      };
    }),
  );
  return Promise.all(requests.map((options) => app.call(route, options)));
}

async function newSession(): Promise<string> {
  unique += 1;
  const userId = await insertUser(app.db, { email: `session-${unique}@example.test`, name: "S" });
  return app.cookieFor(userId);
}

describe("rate limits", () => {
  it("AU4: 50 parallel wrong-password sign-ins on one account admit exactly the limit", async () => {
    const email = "target@example.test";
    const limit = authSignIn.rateLimits?.find((l) => l.by === "account");
    expect(limit?.points).toBe(10);
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        app.call(authSignIn, { body: { email, password: "not the right password at all" } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    for (const res of results.filter((r) => r.status === 429)) {
      expect(res.json).toMatchObject({ error: { code: "RATE_LIMITED" } });
      const wait = Number(res.headers["retry-after"]);
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(900);
    }
  });

  it("AU4: every declared limit, per IP and per account, admits exactly its points in a burst", async () => {
    const limited = (routes as readonly RouteDef[]).filter((r) => r.rateLimits?.length);
    const names = limited.map(routeKey);
    for (const key of [authSignIn, authSignUp, authVerifyEmail].map(routeKey)) {
      expect(names).toContain(key);
    }
    for (const route of limited) {
      for (const limit of route.rateLimits ?? []) {
        if (limit.by === "account" && !route.body && route.guard.kind !== "session") continue;
        const results = await burst(route, limit, 5);
        const admitted = results.filter((r) => r.status !== 429);
        expect(admitted.length, `${routeKey(route)} ${limit.name}`).toBe(limit.points);
        for (const res of results) expect(res.status, routeKey(route)).toBeLessThan(500);
        const refused = results.find((r) => r.status === 429);
        expect(Number(refused?.headers["retry-after"])).toBeGreaterThan(0);
      }
    }
  });

  it("AU4: a window ends and the account may try again", async () => {
    const email = "patient@example.test";
    const limit = authSignIn.rateLimits?.find((l) => l.by === "account");
    for (let i = 0; i <= (limit?.points ?? 0); i++) {
      await app.call(authSignIn, { body: { email, password: "wrong but long password" } });
    }
    const blocked = await app.call(authSignIn, { body: { email, password: "wrong again" } });
    expect(blocked.status).toBe(429);

    const realNow = app.runtime.now;
    app.runtime.now = () => new Date(Date.now() + (limit?.windowSeconds ?? 0) * 1000 + 1000);
    try {
      const later = await app.call(authSignIn, { body: { email, password: "wrong again" } });
      expect(later.status).toBe(401);
    } finally {
      app.runtime.now = realNow;
    }
  });
});
