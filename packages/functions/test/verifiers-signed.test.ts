import { createHash } from "node:crypto";
import { Signature } from "@hubspot/api-client";
import {
  hubspotSignature,
  hubspotSignedUri,
  verifyHubSpotSignature,
} from "@voicecraft/core/webhooks/hubspot";
import { squareSignature, verifySquareSignature } from "@voicecraft/core/webhooks/square";
import { stripeSignatureHeader, verifyStripeSignature } from "@voicecraft/core/webhooks/stripe";
import { twilioSignature, verifyTwilioSignature } from "@voicecraft/core/webhooks/twilio";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import fc from "fast-check";
import { WebhooksHelper } from "square";
import Stripe from "stripe";
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { looseObject, string } from "zod";
import { envFrom } from "../src/http/config.ts";
import { createHandler } from "../src/http/handler.ts";
import type { VerifiedWebhook } from "../src/http/middleware/state.ts";
import { ok } from "../src/http/response.ts";
import { defineRoute, guard, type RouteDef } from "../src/http/route.ts";
import { provideRuntime } from "../src/http/runtime.ts";
import { lambdaContext, toApiGatewayEvent } from "../src/local/event.ts";
import { startTestApp, type TestApp } from "./app.ts";

// WH1 for Twilio, Stripe, Square and HubSpot, end to end: each verifier runs in the real
// middleware chain (createHandler) on API Gateway v2 events, against signatures made by
// the providers' official SDKs (twilio, stripe, square, @hubspot/api-client) wherever the
// SDK can sign, so passing proves we implement their scheme, not our reading of it.

const API_URL = "https://api.voicecraft.test";
const TWILIO_AUTH_TOKEN = "twilio-auth-token-for-tests";
const STRIPE_OLD = "whsec_old_secret_for_tests";
const STRIPE_NEW = "whsec_new_secret_for_tests";
const SQUARE_KEY = "square-signature-key-for-tests";
const HUBSPOT_SECRET = "hubspot-client-secret-for-tests";
const SECRETS = {
  API_URL,
  TWILIO_AUTH_TOKEN,
  STRIPE_WEBHOOK_SECRET: `${STRIPE_OLD},${STRIPE_NEW}`,
  SQUARE_WEBHOOK_SIGNATURE_KEY: SQUARE_KEY,
  HUBSPOT_CLIENT_SECRET: HUBSPOT_SECRET,
};

const stripe = new Stripe("sk_test_unused");

// Throwaway routes: the real table's handlers write to the database, and what is under
// test here is the verifier alone. Each handler records that it ran and what it was told.
const ran: { provider: string; webhook: VerifiedWebhook; body: unknown }[] = [];

const twilioRoute = defineRoute({
  method: "POST",
  path: "/test/twilio",
  handler: "test/twilio",
  guard: guard.webhook("twilio"),
  bodyFormat: "form",
  body: looseObject({ CallSid: string() }),
});
const twilioJsonRoute = defineRoute({
  method: "POST",
  path: "/test/twilio-json",
  handler: "test/twilio-json",
  guard: guard.webhook("twilio"),
  body: looseObject({ CallSid: string() }),
});
const stripeRoute = defineRoute({
  method: "POST",
  path: "/test/stripe",
  handler: "test/stripe",
  guard: guard.webhook("stripe"),
  body: looseObject({ id: string() }),
});
// Without a body schema nothing parses the body: what reaches the handler is the verifier's.
const stripeRawRoute = defineRoute({
  method: "POST",
  path: "/test/stripe-raw",
  handler: "test/stripe-raw",
  guard: guard.webhook("stripe"),
});
const squareRoute = defineRoute({
  method: "POST",
  path: "/test/square",
  handler: "test/square",
  guard: guard.webhook("square"),
  body: looseObject({ event_id: string() }),
});
const hubspotRoute = defineRoute({
  method: "POST",
  path: "/test/hubspot",
  handler: "test/hubspot",
  guard: guard.webhook("hubspot"),
});

const handlers = new Map(
  [twilioRoute, twilioJsonRoute, stripeRoute, stripeRawRoute, squareRoute, hubspotRoute].map(
    (route) => [
      route as RouteDef,
      createHandler(route, async (request) => {
        ran.push({ provider: route.guard.provider, webhook: request.webhook, body: request.body });
        return ok({ received: true });
      }),
    ],
  ),
);

interface Sent {
  body?: string | Buffer;
  headers?: Record<string, string>;
  rawQuery?: string;
}

interface Answer {
  status: number;
  code: string | undefined;
}

/** Sends one request through the route's real handler, as API Gateway would hand it over. */
async function send(route: RouteDef, request: Sent): Promise<Answer> {
  const handler = handlers.get(route);
  if (!handler) throw new Error(`no handler for ${route.path}`);
  const event = toApiGatewayEvent(route, {
    method: route.method,
    path: route.path,
    rawQuery: request.rawQuery ?? "",
    headers: request.headers ?? {},
    body: request.body,
  });
  const result = (await handler(event, lambdaContext(route))) as APIGatewayProxyStructuredResultV2;
  const json = result.body ? JSON.parse(result.body) : undefined;
  return { status: result.statusCode ?? 200, code: json?.error?.code };
}

const refused = (status: number) => ({ status, code: "SIGNATURE_INVALID" });

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp(SECRETS);
});

beforeEach(() => {
  ran.length = 0;
  provideRuntime(app.runtime);
});

afterAll(() => app.close());

/** Runs with the app's runtime under other settings, e.g. without API_URL or a secret. */
function withSettings(settings: Record<string, string | undefined>) {
  provideRuntime({ ...app.runtime, env: envFrom({ STAGE: "local", ...settings }) });
}

describe("Twilio verifier", () => {
  const query = "agent=ag_1";
  const url = `${API_URL}${twilioRoute.path}?${query}`;
  const params = {
    CallSid: "CA1234567890ABCDE",
    From: "+14158675309",
    To: "+18005551212",
    SpeechResult: "Book me in, it's 9 o'clock & I'm 100% sure",
  };
  const form = new URLSearchParams(params).toString();
  const formType = { "content-type": "application/x-www-form-urlencoded" };
  const signed = (signature: string) => ({
    body: form,
    rawQuery: query,
    headers: { ...formType, "x-twilio-signature": signature },
  });

  it("WH1: accepts a form webhook signed by the twilio SDK over the configured public URL", async () => {
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, url, params);
    expect(await send(twilioRoute, signed(signature))).toEqual({ status: 200, code: undefined });
    expect(ran).toEqual([
      { provider: "twilio", webhook: { provider: "twilio", eventId: null }, body: params },
    ]);

    // Twilio's back ends differ on whether the default port is part of the signed URL.
    const withPort = url.replace(".test/", ".test:443/");
    const portSignature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, withPort, params);
    expect((await send(twilioRoute, signed(portSignature))).status).toBe(200);
  });

  it("WH1: accepts a JSON webhook by the bodySHA256 in its signed URL", async () => {
    const body = JSON.stringify({ CallSid: "CA1234567890ABCDE", Caller: "+12349013030" });
    const rawQuery = `bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const signedUrl = `${API_URL}${twilioJsonRoute.path}?${rawQuery}`;
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, signedUrl, {});
    expect(twilio.validateRequestWithBody(TWILIO_AUTH_TOKEN, signature, signedUrl, body)).toBe(
      true,
    );
    const headers = { "content-type": "application/json", "x-twilio-signature": signature };

    expect((await send(twilioJsonRoute, { body, rawQuery, headers })).status).toBe(200);
    const tampered = body.replace("12349013030", "12349013031");
    expect(await send(twilioJsonRoute, { body: tampered, rawQuery, headers })).toEqual(
      refused(403),
    );
    expect(ran).toHaveLength(1);
  });

  it("WH1: refuses with 403, as Twilio's validator does, and the handler never runs", async () => {
    const good = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, url, params);
    const cases: [string, Sent][] = [
      ["no signature", { body: form, rawQuery: query, headers: formType }],
      ["an empty signature", signed("")],
      ["a malformed signature", signed("not base64 at all ✗")],
      ["a tampered parameter", { ...signed(good), body: form.replace("100", "900") }],
      ["an added parameter", { ...signed(good), body: `${form}&Extra=1` }],
      ["another query string", { ...signed(good), rawQuery: "agent=ag_2" }],
      ["another auth token", signed(twilio.getExpectedTwilioSignature("other", url, params))],
      [
        "the URL API Gateway rewrote",
        signed(
          twilio.getExpectedTwilioSignature(
            TWILIO_AUTH_TOKEN,
            `https://abc123.execute-api.eu-west-1.amazonaws.com${twilioRoute.path}?${query}`,
            params,
          ),
        ),
      ],
    ];
    for (const [name, request] of cases) {
      expect(await send(twilioRoute, request), name).toEqual(refused(403));
    }
    expect(ran).toEqual([]);
  });

  it("WH1: checks the signature before the body is parsed", async () => {
    const headers = { "content-type": "application/json", "x-twilio-signature": "forged=" };
    // Unsigned garbage gets the signature error, not the parser's MALFORMED_BODY.
    const answer = await send(twilioJsonRoute, { body: "{not json", headers });
    expect(answer).toEqual(refused(403));
  });

  it("WH1: on the local stage, verifies against the URL under the gateway's /api prefix", async () => {
    withSettings({ TWILIO_AUTH_TOKEN });
    const localUrl = `http://localhost:3001/api${twilioRoute.path}?${query}`;
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, localUrl, params);
    const request = signed(signature);
    const host = { host: "localhost:3001" };
    expect(
      (await send(twilioRoute, { ...request, headers: { ...request.headers, ...host } })).status,
    ).toBe(200);
    // A Host that is no host at all leaves no URL to verify: the caller's fault, so a 403.
    const badHost = { ...request.headers, host: "evil.example/path?" };
    expect(await send(twilioRoute, { ...request, headers: badHost })).toEqual(refused(403));
    expect(await send(twilioRoute, request)).toEqual(refused(403));
  });

  it("answers 503 WEBHOOK_NOT_CONFIGURED when the auth token is not configured", async () => {
    withSettings({ API_URL });
    const signature = twilio.getExpectedTwilioSignature(TWILIO_AUTH_TOKEN, url, params);
    expect(await send(twilioRoute, signed(signature))).toEqual({
      status: 503,
      code: "WEBHOOK_NOT_CONFIGURED",
    });
    expect(ran).toEqual([]);
  });
});

describe("Stripe verifier", () => {
  const payload = JSON.stringify({ id: "evt_1OaBc", object: "event", type: "invoice.paid" });
  const header = (secret: string, timestamp = Math.floor(Date.now() / 1000), body = payload) =>
    stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp });
  const signed = (signature: string, body = payload) => ({
    body,
    headers: { "content-type": "application/json", "stripe-signature": signature },
  });

  it("WH1: Stripe signatures verify per Stripe's scheme, with rotation and a 300 s tolerance", async () => {
    const now = Math.floor(Date.now() / 1000);
    // While the secret is rolled both verify, alone or as Stripe's two-v1 header.
    expect(await send(stripeRoute, signed(header(STRIPE_NEW)))).toEqual({
      status: 200,
      code: undefined,
    });
    expect((await send(stripeRoute, signed(header(STRIPE_OLD)))).status).toBe(200);
    const both = `${header(STRIPE_NEW, now)},${header(STRIPE_OLD, now).split(",")[1]}`;
    expect((await send(stripeRoute, signed(both))).status).toBe(200);
    expect(ran.map((entry) => entry.webhook)).toEqual(
      Array(3).fill({ provider: "stripe", eventId: "evt_1OaBc" }),
    );

    // The runtime's clock sits between these; a few seconds of test run cannot cross 300 s.
    expect((await send(stripeRoute, signed(header(STRIPE_NEW, now - 290)))).status).toBe(200);
    expect(await send(stripeRoute, signed(header(STRIPE_NEW, now - 310)))).toEqual(refused(401));
    expect(await send(stripeRoute, signed(header(STRIPE_NEW, now + 310)))).toEqual(refused(401));
  });

  it("WH1: refuses a tampered body, another secret, or a missing or malformed header with 401", async () => {
    const good = header(STRIPE_NEW);
    const cases: [string, Sent][] = [
      ["a tampered body", signed(good, payload.replace("invoice.paid", "invoice.voided"))],
      ["another secret", signed(header("whsec_someone_elses"))],
      ["no header", { body: payload, headers: { "content-type": "application/json" } }],
      ["a malformed header", signed("t=soon,v1=yes")],
      ["only a v0", signed(good.replace("v1=", "v0="))],
    ];
    for (const [name, request] of cases) {
      expect(await send(stripeRoute, request), name).toEqual(refused(401));
    }
    expect(ran).toEqual([]);
  });

  it("WH1: verifies the exact bytes, even when API Gateway base64-encoded them", async () => {
    const bytes = Buffer.from(payload);
    const request = {
      body: bytes,
      headers: {
        "content-type": "application/octet-stream",
        "stripe-signature": header(STRIPE_NEW),
      },
    };
    const event = toApiGatewayEvent(stripeRawRoute, { method: "POST", path: "/", ...request });
    expect(event.isBase64Encoded).toBe(true);
    expect((await send(stripeRawRoute, request)).status).toBe(200);
    expect(ran.map((entry) => entry.webhook)).toEqual([
      { provider: "stripe", eventId: "evt_1OaBc" },
    ]);
  });

  it("WH1: the core vectors are what the stripe SDK produces", () => {
    // Recorded in packages/core/test/webhooks/stripe.test.ts.
    const recorded = JSON.stringify({ id: "evt_test_webhook", object: "event" }, null, 2);
    const sign = (secret: string) =>
      stripe.webhooks.generateTestHeaderString({
        payload: recorded,
        secret,
        timestamp: 1_700_000_000,
      });
    expect(sign("whsec_test_secret")).toBe(
      "t=1700000000,v1=4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150",
    );
    expect(sign("whsec_rolled_secret")).toBe(
      "t=1700000000,v1=7ec700d2512bb00320916aa4093123ef52cdfc7269a1f0c3bb98f63484884125",
    );
  });

  it("WH1: agrees with the stripe SDK on any payload, secret and time", () => {
    fc.assert(
      fc.property(
        // The SDK refuses an empty payload outright; Stripe never sends one.
        fc.string({ unit: "binary", minLength: 1 }),
        fc.base64String({ minLength: 4 }).map((key) => `whsec_${key}`),
        fc.integer({ min: 1, max: 4_000_000_000 }),
        (payload, secret, timestamp) => {
          const sdkHeader = stripe.webhooks.generateTestHeaderString({
            payload,
            secret,
            timestamp,
          });
          const ours = verifyStripeSignature({
            secrets: [secret],
            header: sdkHeader,
            body: Buffer.from(payload),
            now: new Date(timestamp * 1000),
          });
          expect(ours.ok).toBe(true);
          // And the SDK accepts what we sign.
          const mine = stripeSignatureHeader(secret, payload, timestamp);
          const at = timestamp * 1000;
          expect(
            stripe.webhooks.signature?.verifyHeader(payload, mine, secret, 300, undefined, at),
          ).toBe(true);
        },
      ),
    );
  });
});

describe("Square verifier", () => {
  const url = `${API_URL}${squareRoute.path}`;
  const body = JSON.stringify({
    merchant_id: "MLEFBHHSJGVHD",
    type: "order.updated",
    event_id: "6a8f5f28-54a1-4eb0-a98a-3111513fd4fc",
    data: { type: "order", id: "ORD_1" },
  });
  const signed = (signature: string, payload = body) => ({
    body: payload,
    headers: { "content-type": "application/json", "x-square-hmacsha256-signature": signature },
  });

  it("WH1: accepts a notification whose signature the square SDK accepts", async () => {
    const signature = squareSignature(SQUARE_KEY, url, body);
    const sdk = await WebhooksHelper.verifySignature({
      requestBody: body,
      signatureHeader: signature,
      signatureKey: SQUARE_KEY,
      notificationUrl: url,
    });
    expect(sdk).toBe(true);
    expect(await send(squareRoute, signed(signature))).toEqual({ status: 200, code: undefined });
    expect(ran.map((entry) => entry.webhook)).toEqual([
      { provider: "square", eventId: "6a8f5f28-54a1-4eb0-a98a-3111513fd4fc" },
    ]);
  });

  it("WH1: refuses with 403, as Square's documented handler does, and the handler never runs", async () => {
    const good = squareSignature(SQUARE_KEY, url, body);
    const cases: [string, Sent][] = [
      ["a tampered body", signed(good, body.replace("ORD_1", "ORD_2"))],
      ["another key", signed(squareSignature("another-key", url, body))],
      ["another notification URL", signed(squareSignature(SQUARE_KEY, `${url}/`, body))],
      ["no header", { body, headers: { "content-type": "application/json" } }],
      ["a malformed header", signed("💥")],
    ];
    for (const [name, request] of cases) {
      expect(await send(squareRoute, request), name).toEqual(refused(403));
    }
    expect(ran).toEqual([]);
  });

  it("WH1: agrees with the square SDK's verdict on any URL, body, key and signature", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.webUrl(),
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.option(fc.string(), { nil: undefined }),
        async (notificationUrl, payload, signatureKey, forged) => {
          const signature = forged ?? squareSignature(signatureKey, notificationUrl, payload);
          const input = {
            requestBody: payload,
            signatureHeader: signature,
            signatureKey,
            notificationUrl,
          };
          const sdk = await WebhooksHelper.verifySignature(input);
          const ours = verifySquareSignature({
            signatureKey,
            notificationUrl,
            body: Buffer.from(payload),
            signature,
          });
          expect(ours.ok).toBe(sdk);
          if (forged === undefined) expect(sdk).toBe(true);
        },
      ),
    );
  });
});

describe("HubSpot verifier", () => {
  const body = JSON.stringify([
    { eventId: 100, subscriptionType: "contact.creation", portalId: 62515, objectId: 123 },
    { eventId: 101, subscriptionType: "contact.deletion", portalId: 62515, objectId: 124 },
  ]);
  const signed = (timestamp: number, rawQuery = "") => {
    const url = `${API_URL}${hubspotRoute.path}${rawQuery ? `?${rawQuery}` : ""}`;
    // The SDK signs the URI it is given; HubSpot signs it with its table decoded.
    const signature = Signature.getSignature("POST", "v3", {
      clientSecret: HUBSPOT_SECRET,
      requestBody: body,
      url: hubspotSignedUri(url),
      timestamp,
    } as Parameters<typeof Signature.getSignature>[2]);
    return {
      body,
      rawQuery,
      headers: {
        "content-type": "application/json",
        "x-hubspot-signature-v3": signature,
        "x-hubspot-request-timestamp": String(timestamp),
      },
    };
  };

  it("WH1: accepts a request signed by the HubSpot SDK, with no event id for the batch", async () => {
    expect(await send(hubspotRoute, signed(Date.now()))).toEqual({ status: 200, code: undefined });
    // HubSpot signs the URI with ",", "@" and the rest of its table decoded.
    expect((await send(hubspotRoute, signed(Date.now(), "tag=a%2Cb&by=x%40y"))).status).toBe(200);
    expect(ran.map((entry) => entry.webhook)).toEqual(
      Array(2).fill({ provider: "hubspot", eventId: null }),
    );
  });

  it("WH1: HubSpot signatures older than five minutes, or as far ahead, are refused with 401", async () => {
    expect((await send(hubspotRoute, signed(Date.now() - 290_000))).status).toBe(200);
    expect(await send(hubspotRoute, signed(Date.now() - 310_000))).toEqual(refused(401));
    expect(await send(hubspotRoute, signed(Date.now() + 310_000))).toEqual(refused(401));
  });

  it("WH1: refuses a tampered body, another secret, or missing or malformed headers with 401", async () => {
    const good = signed(Date.now());
    const without = (name: string) => {
      const headers: Record<string, string> = { ...good.headers };
      delete headers[name];
      return { ...good, headers };
    };
    const cases: [string, Sent][] = [
      ["a tampered body", { ...good, body: body.replace("62515", "99999") }],
      ["another query string", { ...good, rawQuery: "portal=1" }],
      ["no signature", without("x-hubspot-signature-v3")],
      ["no timestamp", without("x-hubspot-request-timestamp")],
      [
        "a malformed timestamp",
        { ...good, headers: { ...good.headers, "x-hubspot-request-timestamp": "now" } },
      ],
      [
        "a malformed signature",
        { ...good, headers: { ...good.headers, "x-hubspot-signature-v3": "%%%" } },
      ],
      [
        "another secret",
        {
          ...good,
          headers: {
            ...good.headers,
            "x-hubspot-signature-v3": hubspotSignature("another-secret", {
              method: "POST",
              uri: `${API_URL}${hubspotRoute.path}`,
              body,
              timestamp: good.headers["x-hubspot-request-timestamp"],
            }),
          },
        },
      ],
    ];
    for (const [name, request] of cases) {
      expect(await send(hubspotRoute, request), name).toEqual(refused(401));
    }
    expect(ran).toEqual([]);
  });

  it("WH1: the core vectors are what the HubSpot SDK produces", () => {
    // Recorded in packages/core/test/webhooks/hubspot.test.ts.
    const sign = (url: string, requestBody: string) =>
      Signature.getSignature("POST", "v3", {
        clientSecret: "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy",
        requestBody,
        url,
        timestamp: 1_700_000_000_000,
      } as Parameters<typeof Signature.getSignature>[2]);
    expect(sign("https://www.example.com/webhook_uri", '{"example_field":"example_value"}')).toBe(
      "rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=",
    );
  });

  it("WH1: agrees with the HubSpot SDK on any body, secret, path and time", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.string({ minLength: 1 }),
        fc.webPath(),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        (requestBody, clientSecret, path, timestamp) => {
          const url = hubspotSignedUri(`https://hooks.example${path}`);
          const signature = Signature.getSignature("POST", "v3", {
            clientSecret,
            requestBody,
            url,
            timestamp,
          } as Parameters<typeof Signature.getSignature>[2]);
          const request = {
            method: "POST",
            uri: url,
            body: requestBody,
            timestamp: String(timestamp),
          };
          expect(hubspotSignature(clientSecret, request)).toBe(signature);
          const ours = verifyHubSpotSignature({
            clientSecret,
            ...request,
            body: Buffer.from(requestBody),
            signature,
            now: new Date(timestamp),
          });
          expect(ours.ok).toBe(true);
        },
      ),
    );
  });
});

describe("Twilio scheme against the twilio SDK", () => {
  it("WH1: agrees with the twilio SDK on any URL, parameters and signature", () => {
    const params = fc.dictionary(
      fc.string({ minLength: 1 }),
      fc.oneof(fc.string(), fc.array(fc.string(), { minLength: 1, maxLength: 3 })),
    );
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true }),
        params,
        fc.option(fc.base64String({ minLength: 28, maxLength: 28 }), { nil: undefined }),
        (url, values, forged) => {
          const signature = forged ?? twilio.getExpectedTwilioSignature("token", url, values);
          const body = new URLSearchParams();
          for (const [name, value] of Object.entries(values)) {
            for (const one of [value].flat()) body.append(name, one);
          }
          const ours = verifyTwilioSignature({
            authToken: "token",
            url,
            body: Buffer.from(body.toString()),
            signature,
          });
          expect(ours.ok).toBe(twilio.validateRequest("token", signature, url, values));
          if (forged === undefined) expect(ours.ok).toBe(true);
          expect(twilioSignature("token", url, values)).toBe(
            twilio.getExpectedTwilioSignature("token", url, values),
          );
        },
      ),
    );
  });
});

describe("random input", () => {
  const bytes = fc.uint8Array({ maxLength: 512 }).map((array) => Buffer.from(array));
  const text = fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.constant(undefined));

  it("WH1: the verifiers answer any bytes and headers with a refusal, never an exception", () => {
    fc.assert(
      fc.property(bytes, text, text, fc.webUrl(), (body, signature, timestamp, url) => {
        const now = new Date();
        expect(verifyTwilioSignature({ authToken: "t", url, body, signature }).ok).toBe(false);
        expect(verifyStripeSignature({ secrets: ["s"], header: signature, body, now }).ok).toBe(
          false,
        );
        expect(
          verifySquareSignature({ signatureKey: "k", notificationUrl: url, body, signature }).ok,
        ).toBe(false);
        expect(
          verifyHubSpotSignature({
            clientSecret: "c",
            method: "POST",
            uri: url,
            body,
            signature,
            timestamp,
            now,
          }).ok,
        ).toBe(false);
      }),
    );
  });

  it("WH1: random requests to every verified route get 401 or 403 SIGNATURE_INVALID, never a 5xx", async () => {
    const routes = [...handlers.keys()];
    const header = fc.string({ unit: "grapheme", maxLength: 120 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(bytes, fc.string({ maxLength: 300 })),
        fc.record(
          {
            "content-type": fc.constantFrom(
              "application/json",
              "application/x-www-form-urlencoded",
              "application/octet-stream",
            ),
            "x-twilio-signature": header,
            "stripe-signature": header,
            "x-square-hmacsha256-signature": header,
            "x-hubspot-signature-v3": header,
            "x-hubspot-request-timestamp": fc.oneof(header, fc.constant(String(Date.now()))),
            host: header,
          },
          { requiredKeys: ["content-type"] },
        ),
        fc.string({ maxLength: 60 }).map((query) => encodeURI(query)),
        async (route, body, headers, rawQuery) => {
          const answer = await send(route, { body, headers, rawQuery });
          expect([401, 403]).toContain(answer.status);
          expect(answer.code).toBe("SIGNATURE_INVALID");
        },
      ),
      { numRuns: 200 },
    );
    expect(ran).toEqual([]);
  });
});
