import { createStorage } from "@voicecraft/core/storage";
import { startS3rver } from "@voicecraft/core/test/s3";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeKey } from "../src/http/route.ts";
import { routes } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { SECRETS_FOR_TESTS } from "./signing.ts";
import { digest } from "./tables.ts";
import { createTenant, type Tenant } from "./tenants.ts";

// Whatever a caller sends, the answer is a 2xx or a 4xx with an error code, and a
// refused request changes nothing. Random input goes through every route of the table,
// signed in as an owner so that validation and the handlers are reached, not just the
// guards.

/**
 * Bookkeeping a refused request is meant to leave: the rate-limit counter it spent, and
 * the AuthEvent recording a failed sign-in (AD1). Everything else must be untouched.
 */
const BOOKKEEPING = ["rate_limit_buckets", "auth_events"];

let app: TestApp;
let s3: Awaited<ReturnType<typeof startS3rver>>;
let tenant: Tenant;
let cookie: string;

beforeAll(async () => {
  [app, s3] = await Promise.all([startTestApp(SECRETS_FOR_TESTS), startS3rver()]);
  app.runtime.storage = createStorage({ ...s3, forcePathStyle: true });
  tenant = await createTenant(app.db, "Fuzz");
  cookie = await app.cookieFor(tenant.users.owner);
});

afterAll(async () => {
  await Promise.all([app.close(), s3.close()]);
});

describe("input from callers", () => {
  it("never gets a 5xx, and a refused request changes nothing", async () => {
    const known = [tenant.agentId, tenant.callId, tenant.submissionId, tenant.orderId];
    const param = fc.oneof(
      fc.uuid(),
      fc.constantFrom(...known, tenant.orgId),
      fc.string(),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom("..", "%2e%2e", "null", "0", "-1", "00000000-0000-0000-0000-000000000000"),
    );
    const query = fc.dictionary(
      fc.constantFrom("limit", "cursor", "agentId", "formId", "x", "__proto__"),
      fc.oneof(fc.string(), fc.integer().map(String), fc.constantFrom("0", "1e9", "-5", "")),
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.string({ unit: "binary" }),
      fc
        .record({
          name: fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.integer()),
          phoneNumber: fc.oneof(fc.string(), fc.constant("+15550100100")),
          language: fc.string({ unit: "binary" }),
          greeting: fc.constantFrom("ok", "nul \u0000 inside", "\ud800 lone surrogate"),
        })
        .map((value) => JSON.stringify(value)),
    );
    const contentType = fc.constantFrom(
      "application/json",
      "application/json; charset=utf-8",
      "text/plain",
      "application/x-www-form-urlencoded",
      undefined,
    );

    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          param,
          param,
          query,
          body,
          contentType,
          fc.boolean(),
          async (orgId, id, q, raw, type, withOrg) => {
            const params: Record<string, string> = {};
            for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
              if (name) params[name] = name === "orgId" && withOrg ? tenant.orgId : id;
            }
            if (params.orgId === undefined && route.path.includes("{orgId}")) params.orgId = orgId;
            const before = await digest(app.db, BOOKKEEPING);
            const res = await app.call(route, {
              params,
              query: q,
              cookie,
              ...(raw !== undefined ? { rawBody: raw } : {}),
              headers: type ? { "content-type": type } : {},
            });
            expect(res.status, routeKey(route)).toBeLessThan(500);
            if (res.status >= 400) {
              expect(res.json).toMatchObject({ error: { code: expect.any(String) } });
              expect(await digest(app.db, BOOKKEEPING), `${routeKey(route)} ${res.status}`).toBe(
                before,
              );
            }
          },
        ),
        { numRuns: 40 },
      );
    }
  });
});
