import { generateKeyPairSync, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { channelToken } from "@voicecraft/core/webhooks/google-calendar";
import { metaSignature } from "@voicecraft/core/webhooks/meta";
import { GRAPH_PUBLISHER_APP_ID } from "@voicecraft/core/webhooks/microsoft";
import {
  generateInternalWebhookSecret,
  signInternalWebhook,
} from "@voicecraft/core/webhooks/standard";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFrom } from "../src/http/config.ts";
import { createHandler, type RouteHandler } from "../src/http/handler.ts";
import type { VerifiedWebhook } from "../src/http/middleware/state.ts";
import { ok } from "../src/http/response.ts";
import { defineRoute, type Guard, guard, type HttpMethod } from "../src/http/route.ts";
import { provideRuntime } from "../src/http/runtime.ts";
import { type LocalRequest, lambdaContext, toApiGatewayEvent } from "../src/local/event.ts";
import { startTestApp, type TestApp } from "./app.ts";

// Each verifier runs in the real middleware chain (createHandler) on API Gateway v2
// events, in front of a throwaway handler that only records that it ran and what the
// verifier established. Refused requests must never reach it.

const secrets = {
  META_APP_SECRET: "meta-app-secret",
  META_VERIFY_TOKEN: "meatyhamhock",
  CLOVER_WEBHOOK_SECRET: "0307e264-b33a-4913-88aa-37b10014a0b8",
  GOOGLE_CALENDAR_CHANNEL_SECRET: "google-calendar-channel-secret",
  MICROSOFT_GRAPH_CLIENT_STATE: "secretClientValue",
  VOICECRAFT_API_KEY: generateInternalWebhookSecret(),
};
const appId = "8e460676-ae3f-4b1e-8790-ee0fb5d6148f";
const tenantId = "84bd8158-6d4d-4958-8b9f-9d6445542f95";

let app: TestApp;
let jwks: Server;
const graphKey = generateKeyPairSync("rsa", { modulusLength: 2048 });

beforeAll(async () => {
  const jwk = { ...graphKey.publicKey.export({ format: "jwk" }), kid: "graph", alg: "RS256" };
  jwks = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => jwks.listen(0, "127.0.0.1", resolve));
  const { port } = jwks.address() as AddressInfo;
  app = await startTestApp({
    ...secrets,
    MICROSOFT_APP_ID: appId,
    MICROSOFT_GRAPH_JWKS_URL: `http://127.0.0.1:${port}/keys`,
  });
});

afterAll(async () => {
  await app.close();
  await new Promise((resolve) => jwks.close(resolve));
});

interface Sent {
  status: number;
  json: { error?: { code: string } } | undefined;
  /** What the handler saw in `request.webhook`; undefined when it did not run. */
  webhook: VerifiedWebhook | undefined;
}

/** A throwaway route behind `guard`, and its handler, built once as at cold start. */
function endpoint(routeGuard: Guard, method: HttpMethod = "POST") {
  const route = defineRoute({
    method,
    path: "/test/webhook",
    handler: "test/webhook",
    guard: routeGuard,
  });
  let seen: VerifiedWebhook | undefined;
  const handler: RouteHandler = createHandler(route, async ({ webhook }) => {
    seen = webhook as VerifiedWebhook | undefined;
    return ok({ ran: true });
  });
  return async (request: Omit<LocalRequest, "method" | "path">): Promise<Sent> => {
    seen = undefined;
    const event = toApiGatewayEvent(route, { method, path: "/test/webhook", ...request });
    const result = await handler(event, lambdaContext(route));
    return {
      status: result.statusCode ?? 200,
      json: result.body ? JSON.parse(result.body) : undefined,
      webhook: seen,
    };
  };
}

function expectRefused(sent: Sent) {
  expect(sent.status).toBe(401);
  expect(sent.json?.error?.code).toBe("SIGNATURE_INVALID");
  expect(sent.webhook).toBeUndefined();
}

const json = { "content-type": "application/json" };

describe("Meta verifier", () => {
  const post = endpoint(guard.webhook("meta"));
  const get = endpoint(guard.webhook("meta"), "GET");
  const body = [
    '{"object":"whatsapp_business_account","entry":[{"id":"102290129340398",',
    '"changes":[{"field":"messages","value":{"messages":[{"id":"wamid.HBgL",',
    String.raw`"text":{"body":"Ol\u00e1"}}]}}]}]}`,
  ].join("");

  it("WH1: Meta: a delivery signed with the app secret reaches the handler", async () => {
    const sent = await post({
      headers: { ...json, "x-hub-signature-256": metaSignature(secrets.META_APP_SECRET, body) },
      body,
    });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({ provider: "meta", eventId: null });
  });

  it("WH1: Meta: a tampered, unsigned or wrongly signed delivery is refused", async () => {
    const signature = metaSignature(secrets.META_APP_SECRET, body);
    expectRefused(
      await post({ headers: { ...json, "x-hub-signature-256": signature }, body: `${body} ` }),
    );
    expectRefused(await post({ headers: json, body }));
    expectRefused(
      await post({
        headers: { ...json, "x-hub-signature-256": metaSignature("another-secret", body) },
        body,
      }),
    );
    expectRefused(await post({ headers: { ...json, "x-hub-signature-256": "sha256=" }, body }));
  });

  it("WH1: Meta: the handshake sets the challenge; a wrong verify token is refused", async () => {
    const accepted = await get({
      rawQuery: "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=meatyhamhock",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.webhook).toEqual({ provider: "meta", eventId: null, challenge: "1158201444" });

    expectRefused(
      await get({ rawQuery: "hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=x" }),
    );
    expectRefused(
      await get({
        rawQuery:
          "hub.mode=subscribe&hub.challenge=1&hub.verify_token=meatyhamhock&hub.verify_token=x",
      }),
    );
    expectRefused(await get({}));
  });
});

describe("Clover verifier", () => {
  const post = endpoint(guard.webhook("clover"));
  const notification = JSON.stringify({
    appId: "DRKVJT2ZRRRSC",
    merchants: { ZGTOVUNV8SDHT: [{ objectId: "O:GHIVJT2ABCRSC", type: "CREATE", ts: 1 }] },
  });

  it("WH1: Clover: a notification with the Clover Auth Code reaches the handler", async () => {
    const sent = await post({
      headers: { ...json, "x-clover-auth": secrets.CLOVER_WEBHOOK_SECRET },
      body: notification,
    });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({ provider: "clover", eventId: null });
  });

  it("WH1: Clover: a notification without the code, or with another, is refused", async () => {
    expectRefused(await post({ headers: json, body: notification }));
    expectRefused(
      await post({ headers: { ...json, "x-clover-auth": "guessed" }, body: notification }),
    );
  });

  it("WH1: Clover: the verification POST sets state.webhook.challenge to the code", async () => {
    const body = '{"verificationCode":"ce7643c1-83ea-4218-abe6-da876c9c7a0a"}';
    const sent = await post({ headers: json, body });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({
      provider: "clover",
      eventId: null,
      challenge: "ce7643c1-83ea-4218-abe6-da876c9c7a0a",
    });
    // A request that names an auth code is a notification, and is checked as one.
    expectRefused(await post({ headers: { ...json, "x-clover-auth": "guessed" }, body }));
  });
});

describe("Google Calendar verifier", () => {
  const post = endpoint(guard.webhook("google_calendar"));
  const channelId = "4ba78bf0-6a47-11e2-bcfd-0800200c9a66";
  const headers = (token: string) => ({
    "x-goog-channel-id": channelId,
    "x-goog-channel-token": token,
    "x-goog-resource-id": "ret08u3rv24htgh289g",
    "x-goog-resource-state": "exists",
    "x-goog-message-number": "10",
  });

  it("WH1: Google Calendar: a notification with our channel token is let through", async () => {
    const token = channelToken(secrets.GOOGLE_CALENDAR_CHANNEL_SECRET, channelId);
    const sent = await post({ headers: headers(token) });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({ provider: "google_calendar", eventId: `${channelId}:10` });
  });

  it("WH1: Google Calendar: another channel's token, or none, is refused", async () => {
    const token = channelToken(secrets.GOOGLE_CALENDAR_CHANNEL_SECRET, "another-channel");
    expectRefused(await post({ headers: headers(token) }));
    expectRefused(await post({ headers: headers("398348u3tu83ut8uu38") }));
    const { "x-goog-channel-token": _omitted, ...withoutToken } = headers("");
    expectRefused(await post({ headers: withoutToken }));
  });
});

describe("Microsoft Graph verifier", () => {
  const post = endpoint(guard.webhook("microsoft"));
  const item = (clientState: string, extra: Record<string, unknown> = {}) => ({
    id: "lsgTZMr9KwAAA",
    subscriptionId: "76619225-ff6b-4489-96ca-4ef547e78b22",
    clientState,
    changeType: "created",
    resource: "users/u/messages/m",
    tenantId,
    ...extra,
  });
  const rich = (clientState: string) =>
    item(clientState, { encryptedContent: { data: "…", dataKey: "…", dataSignature: "…" } });

  /** A validation JWT with the claims of Graph's example, signed by the test's key. */
  function validationJwt(overrides: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const header = encode({ alg: "RS256", typ: "JWT", kid: "graph" });
    const payload = encode({
      aud: appId,
      iss: `https://sts.windows.net/${tenantId}/`,
      iat: now - 60,
      nbf: now - 60,
      exp: now + 3600,
      appid: GRAPH_PUBLISHER_APP_ID,
      tid: tenantId,
      ver: "1.0",
      ...overrides,
    });
    const signature = sign("sha256", Buffer.from(`${header}.${payload}`), graphKey.privateKey);
    return `${header}.${payload}.${signature.toString("base64url")}`;
  }

  it("WH1: Microsoft Graph: the validationToken handshake sets the decoded challenge", async () => {
    const token = "Validation: Testing client application reachability";
    const sent = await post({
      rawQuery: `validationToken=${encodeURIComponent(token)}`,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({ provider: "microsoft", eventId: null, challenge: token });

    expectRefused(await post({ rawQuery: "validationToken=%3Cscript%3E" }));
    expectRefused(await post({ rawQuery: "validationToken=a&validationToken=b" }));
  });

  it("WH1: Microsoft Graph: notifications whose every clientState is ours pass", async () => {
    const body = JSON.stringify({ value: [item("secretClientValue"), item("secretClientValue")] });
    const sent = await post({ headers: json, body });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({ provider: "microsoft", eventId: null });
  });

  it("WH1: Microsoft Graph: one bad clientState among good ones refuses the batch", async () => {
    const body = JSON.stringify({
      value: [item("secretClientValue"), item("guessed"), item("secretClientValue")],
    });
    expectRefused(await post({ headers: json, body }));
  });

  it("WH1: Microsoft Graph: rich notifications need valid JWTs from the JWKS", async () => {
    const send = (token: string) =>
      post({
        headers: json,
        body: JSON.stringify({ value: [rich("secretClientValue")], validationTokens: [token] }),
      });
    const accepted = await send(validationJwt());
    expect(accepted.status).toBe(200);

    expectRefused(await send(validationJwt({ aud: "00000003-0000-0000-c000-000000000000" })));
    expectRefused(await send(validationJwt({ iss: "https://sts.windows.net/other/" })));
    expectRefused(await send(validationJwt({ appid: appId })));
    const past = Math.floor(Date.now() / 1000) - 7200;
    expectRefused(await send(validationJwt({ iat: past, nbf: past, exp: past + 600 })));
    expectRefused(
      await post({ headers: json, body: JSON.stringify({ value: [rich("secretClientValue")] }) }),
    );
  });
});

describe("internal verifier (Standard Webhooks)", () => {
  const post = endpoint(guard.internal);
  const body = JSON.stringify({ segments: [{ seq: 0, speaker: "caller", text: "Hi" }] });
  const signed = (timestamp: Date, id = "seg_1") =>
    signInternalWebhook({ secret: secrets.VOICECRAFT_API_KEY, id, timestamp, body });

  it("WH2: a call signed with VOICECRAFT_API_KEY passes, with webhook-id as event id", async () => {
    const sent = await post({ headers: { ...json, ...signed(new Date()) }, body });
    expect(sent.status).toBe(200);
    expect(sent.webhook).toEqual({ provider: "internal", eventId: "seg_1" });
  });

  it("WH2: a tampered, unsigned, stale or future call is refused before the handler", async () => {
    const now = Date.now();
    expectRefused(await post({ headers: { ...json, ...signed(new Date()) }, body: `${body} ` }));
    expectRefused(await post({ headers: json, body }));
    expectRefused(await post({ headers: { ...json, ...signed(new Date(now - 301_000)) }, body }));
    expectRefused(await post({ headers: { ...json, ...signed(new Date(now + 301_000)) }, body }));
    const other = signInternalWebhook({
      secret: generateInternalWebhookSecret(),
      id: "seg_1",
      timestamp: new Date(),
      body,
    });
    expectRefused(await post({ headers: { ...json, ...other }, body }));
  });
});

describe("verifier configuration", () => {
  it("answers 503 WEBHOOK_NOT_CONFIGURED for a missing or unusable secret, never 500", async () => {
    const internal = endpoint(guard.internal);
    const graph = endpoint(guard.webhook("microsoft"));
    const base = app.runtime;
    try {
      // An old-format local key (base64url): the runtime's library could not use it either.
      provideRuntime({
        ...base,
        env: envFrom({ STAGE: "local", VOICECRAFT_API_KEY: "Zm9v-YmFy_YmF6-cXV4" }),
      });
      const sent = await internal({ headers: json, body: "{}" });
      expect(sent.status).toBe(503);
      expect(sent.json?.error?.code).toBe("WEBHOOK_NOT_CONFIGURED");
      expect(sent.webhook).toBeUndefined();

      provideRuntime({ ...base, env: envFrom({ STAGE: "local" }) });
      const graphSent = await graph({ headers: json, body: '{"value":[]}' });
      expect(graphSent.status).toBe(503);
      expect(graphSent.webhook).toBeUndefined();
    } finally {
      provideRuntime(base);
    }
  });
});

describe("verifier fuzzing", () => {
  const cases: [ReturnType<typeof endpoint>, string[]][] = [
    [endpoint(guard.webhook("meta")), ["x-hub-signature-256"]],
    [endpoint(guard.webhook("meta"), "GET"), []],
    [endpoint(guard.webhook("clover")), ["x-clover-auth"]],
    [
      endpoint(guard.webhook("google_calendar")),
      [
        "x-goog-channel-id",
        "x-goog-channel-token",
        "x-goog-resource-state",
        "x-goog-message-number",
      ],
    ],
    [endpoint(guard.webhook("microsoft")), ["content-type"]],
    [endpoint(guard.internal), ["webhook-id", "webhook-timestamp", "webhook-signature"]],
  ];

  it("WH1, WH2: random requests get 401 from every verifier, never the handler", async () => {
    for (const [send, headerNames] of cases) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...headerNames, "x-other"), fc.string({ maxLength: 80 })),
          fc.string({ maxLength: 60 }),
          fc.uint8Array({ maxLength: 300 }),
          async (headers, rawQuery, body) => {
            expectRefused(await send({ headers, rawQuery, body: Buffer.from(body) }));
          },
        ),
        { numRuns: 150 },
      );
    }
  });
});
