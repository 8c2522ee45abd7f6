import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RouteDef, routeKey } from "../src/http/route.ts";
import { routes } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { SECRETS_FOR_TESTS } from "./signing.ts";
import { rowCounts } from "./tables.ts";
import { createTenant } from "./tenants.ts";

// WH1/WH2 over the route table: every webhook and internal route refuses a request that
// fails verification, and the row count of every table is the same afterwards. A route
// added later is covered without editing this file.

let app: TestApp;

const verified = (routes as readonly RouteDef[]).filter(
  (route) => route.guard.kind === "webhook" || route.guard.kind === "internal",
);

beforeAll(async () => {
  app = await startTestApp(SECRETS_FOR_TESTS);
  await createTenant(app.db, "Guarded");
});

afterAll(() => app.close());

/** Requests that fail verification: nothing, garbage, and a plausible forgery. */
function forgeries(route: RouteDef) {
  const json =
    route.bodyFormat === "form" ? "application/x-www-form-urlencoded" : "application/json";
  const body =
    route.bodyFormat === "form"
      ? "CallSid=CA00000000000000000000000000000000&To=%2B15550000001&From=%2B15550000002&AccountSid=AC1"
      : JSON.stringify({ id: "evt_forged", type: "checkout.session.completed", data: {} });
  const forgedHeaders: Record<string, string> = {
    "content-type": json,
    "x-twilio-signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "stripe-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}`,
    "x-square-hmacsha256-signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "x-hubspot-signature-v3": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
    "x-hubspot-request-timestamp": String(Date.now()),
    "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
    "x-clover-auth": "not-the-code",
    "x-goog-channel-id": "vc-00000000-0000-7000-8000-000000000000-x",
    "x-goog-channel-token": "forged",
    "x-goog-resource-state": "exists",
    "x-goog-message-number": "2",
    "webhook-id": "msg_forged",
    "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
    "webhook-signature": "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
  };
  return [
    { label: "no signature", headers: { "content-type": json }, body },
    { label: "forged signature", headers: forgedHeaders, body },
    {
      label: "garbage",
      headers: { ...forgedHeaders, "content-type": "text/plain" },
      body: "\u0000\ufffd",
    },
  ];
}

describe("webhook and internal routes", () => {
  it("WH1: a provider webhook that fails verification is refused and changes no table", async () => {
    expect(verified.some((route) => route.guard.kind === "webhook")).toBe(true);
    for (const route of verified.filter((r) => r.guard.kind === "webhook")) {
      for (const forgery of forgeries(route)) {
        const before = await rowCounts(app.db);
        const res = await app.call(route, {
          params: { callId: "00000000-0000-7000-8000-000000000000" },
          headers: forgery.headers,
          rawBody: forgery.body,
        });
        expect([401, 403], `${routeKey(route)} ${forgery.label}`).toContain(res.status);
        expect(res.json).toMatchObject({ error: { code: "SIGNATURE_INVALID" } });
        expect(await rowCounts(app.db), `${routeKey(route)} ${forgery.label}`).toEqual(before);
      }
    }
  });

  it("WH2: an internal call that fails verification is refused and changes no table", async () => {
    for (const route of verified.filter((r) => r.guard.kind === "internal")) {
      for (const forgery of forgeries(route)) {
        const before = await rowCounts(app.db);
        const res = await app.call(route, {
          params: { callId: "00000000-0000-7000-8000-000000000000" },
          headers: forgery.headers,
          rawBody: forgery.body,
        });
        expect(res.status, `${routeKey(route)} ${forgery.label}`).toBe(401);
        expect(await rowCounts(app.db), `${routeKey(route)} ${forgery.label}`).toEqual(before);
      }
    }
  });
});
