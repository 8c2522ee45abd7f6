import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHandler } from "../src/http/handler.ts";
import { ok } from "../src/http/response.ts";
import { defineRoute, guard } from "../src/http/route.ts";
import { lambdaContext, toApiGatewayEvent } from "../src/local/event.ts";
import { agentsCreate, agentsList, meGet } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { createTenant, type Tenant } from "./tenants.ts";

let app: TestApp;
let tenant: Tenant;
let cookie: string;

beforeAll(async () => {
  app = await startTestApp();
  tenant = await createTenant(app.db, "Http");
  cookie = await app.cookieFor(tenant.users.admin);
});

afterAll(() => app.close());

describe("the HTTP layer", () => {
  it("answers malformed JSON with 400 MALFORMED_BODY and a wrong content type with 415", async () => {
    const params = { orgId: tenant.orgId };
    const malformed = await app.call(agentsCreate, {
      params,
      cookie,
      rawBody: '{"name": "x",',
      headers: { "content-type": "application/json" },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json).toMatchObject({ error: { code: "MALFORMED_BODY" } });

    const wrongType = await app.call(agentsCreate, {
      params,
      cookie,
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.json).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });

    const protoPollution = await app.call(agentsCreate, {
      params,
      cookie,
      rawBody: '{"__proto__": {"admin": true}, "name": "x", "phoneNumber": "+15550109999"}',
      headers: { "content-type": "application/json" },
    });
    expect(protoPollution.status).toBe(400);
  });

  it("turns an unexpected error into a generic 500 that names the request, not the cause", async () => {
    const route = defineRoute({
      method: "GET",
      path: "/boom",
      handler: "boom",
      guard: guard.public,
    });
    const handler = createHandler(route, async () => {
      throw new Error("database password is hunter2");
    });
    const context = lambdaContext(route);
    const res = await handler(toApiGatewayEvent(route, { method: "GET", path: "/boom" }), context);
    expect(res.statusCode).toBe(500);
    const body = JSON.parse(res.body ?? "{}");
    expect(body).toEqual({
      error: {
        code: "INTERNAL",
        message: "Something went wrong on our side.",
        requestId: context.awsRequestId,
      },
    });
    expect(res.body).not.toContain("hunter2");
  });

  it("TR3: API responses carry HSTS for a year with subdomains, on success and on error", async () => {
    const success = await app.call(agentsList, { params: { orgId: tenant.orgId }, cookie });
    const failure = await app.call(meGet, {});
    expect(success.status).toBe(200);
    expect(failure.status).toBe(401);
    for (const res of [success, failure]) {
      const hsts = res.headers["strict-transport-security"] ?? "";
      const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1]);
      expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toContain("includeSubDomains");
    }
  });

  it("TN3: API responses are never stored by shared caches, and CORS names only the dashboard", async () => {
    const success = await app.call(agentsList, {
      params: { orgId: tenant.orgId },
      cookie,
      headers: { origin: "https://evil.example" },
    });
    const failure = await app.call(meGet, { headers: { origin: "https://evil.example" } });
    for (const res of [success, failure]) {
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["access-control-allow-origin"] ?? "").not.toBe("*");
      expect(res.headers["access-control-allow-origin"] ?? "").not.toContain("evil");
    }
  });

  it("answers an unknown body field or a missing path id with 400, never 500", async () => {
    const res = await app.call(agentsList, {
      params: { orgId: tenant.orgId },
      query: { limit: "100000" },
      cookie,
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(ok({}).status).toBe(200);
  });
});
