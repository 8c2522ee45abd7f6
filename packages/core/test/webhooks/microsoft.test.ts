import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import {
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  type JWTPayload,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  GRAPH_PUBLISHER_APP_ID,
  graphHandshake,
  verifyGraphNotifications,
} from "../../src/webhooks/microsoft.ts";

// Graph's JWTs are signed by Microsoft identity platform keys. Here a local server plays
// the JWKS endpoint, with a key pair made for the test; the tokens carry the claims of
// the "Example JWT token" in Graph's "Set up change notifications that include resource
// data" (learn.microsoft.com/graph/change-notifications-with-resource-data).

const appId = "8e460676-ae3f-4b1e-8790-ee0fb5d6148f";
const tenantId = "84bd8158-6d4d-4958-8b9f-9d6445542f95";
const otherTenantId = "bbbbcccc-1111-dddd-2222-eeee3333ffff";
const clientState = "secretClientValue";
/** Inside the example token's lifetime (iat 1565046813, exp 1565075913). */
const now = new Date(1565060000 * 1000);

let server: Server;
let keys: JWTVerifyGetKey;
let unreachableKeys: JWTVerifyGetKey;
let sign: (claims: JWTPayload, options?: { foreignKey?: boolean }) => Promise<string>;

beforeAll(async () => {
  const published = await generateKeyPair("RS256", { extractable: true });
  const foreign = await generateKeyPair("RS256", { extractable: true });
  const jwk = {
    ...(await exportJWK(published.publicKey)),
    kid: "graph-test",
    alg: "RS256",
    use: "sig",
  };
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  keys = createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/discovery/v2.0/keys`));

  // A port that was free a moment ago: nothing answers there.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  unreachableKeys = createRemoteJWKSet(new URL(`http://127.0.0.1:${closedPort}/keys`), {
    timeoutDuration: 1_000,
  });

  sign = (claims, options = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: "graph-test" })
      .sign(options.foreignKey ? foreign.privateKey : published.privateKey);
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

/** The claims of Graph's example token, for `tid`. */
function exampleClaims(tid = tenantId): JWTPayload {
  return {
    aud: appId,
    iss: `https://sts.windows.net/${tid}/`,
    iat: 1565046813,
    nbf: 1565046813,
    exp: 1565075913,
    aio: "42FgYKhZ+uOZrHa7p+7tfruauq1HAA==",
    appid: GRAPH_PUBLISHER_APP_ID,
    appidacr: "2",
    idp: `https://sts.windows.net/${tid}/`,
    tid,
    uti: "-KoJHevhgEGnN4kwuixpAA",
    ver: "1.0",
  };
}

/** A basic change notification item, as in "Receive change notifications through webhooks". */
function basicItem(overrides: Record<string, unknown> = {}) {
  return {
    id: "lsgTZMr9KwAAA",
    subscriptionId: "76619225-ff6b-4489-96ca-4ef547e78b22",
    subscriptionExpirationDateTime: "2016-03-19T22:11:09.952Z",
    clientState,
    changeType: "created",
    resource: "users/{user_guid}@{tenant_guid}/messages/{long_id_string}",
    tenantId,
    resourceData: {
      "@odata.type": "#Microsoft.Graph.Message",
      "@odata.id": "Users/{user_guid}@{tenant_guid}/Messages/{long_id_string}",
      "@odata.etag": 'W/"CQAAABYAAADkrWGo7bouTKlsgTZMr9KwAAAUWRHf"',
      id: "{long_id_string}",
    },
    ...overrides,
  };
}

/** A rich item: resource data encrypted to our certificate, as the rich guide shows. */
function richItem(tid = tenantId, overrides: Record<string, unknown> = {}) {
  return basicItem({
    tenantId: tid,
    encryptedContent: {
      data: "{encrypted data that produces a full resource}",
      dataSignature: "<HMAC-SHA256 hash>",
      dataKey: "{encrypted symmetric key from Microsoft Graph}",
      encryptionCertificateId: "MySelfSignedCert/DDC9651A-D7BC-4D74-86BC-A8923584B0AB",
      encryptionCertificateThumbprint: "07293748CC064953A3052FB978C735FB89E61C3D",
    },
    ...overrides,
  });
}

function verify(payload: unknown, options: { appId?: string; keys?: JWTVerifyGetKey } = {}) {
  return verifyGraphNotifications({
    body: Buffer.from(JSON.stringify(payload)),
    clientState,
    appId: "appId" in options ? options.appId : appId,
    keys: options.keys ?? keys,
    now,
  });
}

describe("Microsoft Graph validation handshake", () => {
  it("WH1: echoes the URL-decoded validation token as the challenge", () => {
    const token =
      "Validation: Testing client application reachability for subscription Request-Id: " +
      "4b6a9d9f-1c2e-4d0b-9a6e-2f5c7b1d8e3a";
    expect(graphHandshake(token)).toEqual({ ok: true, challenge: token });
  });

  it("WH1: never echoes markup or control characters", () => {
    for (const token of [
      "",
      "<script>alert(1)</script>",
      "a\r\nSet-Cookie: x=1",
      "x".repeat(4097),
    ]) {
      expect(graphHandshake(token)).toEqual({ ok: false, reason: "HANDSHAKE_TOKEN_MALFORMED" });
    }
  });
});

describe("Microsoft Graph change notifications", () => {
  it("WH1: accepts Graph's documented notification when its clientState is ours", async () => {
    expect(await verify({ value: [basicItem()] })).toEqual({ ok: true, count: 1 });
  });

  it("WH1: refuses the batch when one item among good ones has a wrong clientState", async () => {
    const payload = {
      value: [basicItem(), basicItem({ clientState: "guessed" }), basicItem()],
    };
    expect(await verify(payload)).toEqual({ ok: false, reason: "CLIENT_STATE_MISMATCH" });
  });

  it("WH1: refuses items without clientState, and bodies that are not a collection", async () => {
    const { clientState: _omitted, ...withoutState } = basicItem();
    for (const payload of [
      { value: [withoutState] },
      { value: [] },
      { value: {} },
      [basicItem()],
      "x",
    ]) {
      expect(await verify(payload)).toEqual({ ok: false, reason: "BODY_MALFORMED" });
    }
    const result = await verifyGraphNotifications({
      body: Buffer.from("{not json"),
      clientState,
      appId,
      keys,
      now,
    });
    expect(result).toEqual({ ok: false, reason: "BODY_MALFORMED" });
  });

  it("WH1: accepts rich notifications whose JWTs carry Graph's example claims", async () => {
    const payload = {
      value: [richItem(tenantId), richItem(otherTenantId)],
      validationTokens: [
        await sign(exampleClaims(tenantId)),
        await sign(exampleClaims(otherTenantId)),
      ],
    };
    expect(await verify(payload)).toEqual({ ok: true, count: 2 });
  });

  it("WH1: accepts a v2.0 token, which names the publisher in azp", async () => {
    const { appid: _appid, ...v1 } = exampleClaims();
    const claims = {
      ...v1,
      ver: "2.0",
      iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
      azp: GRAPH_PUBLISHER_APP_ID,
    };
    const payload = { value: [richItem()], validationTokens: [await sign(claims)] };
    expect(await verify(payload)).toEqual({ ok: true, count: 1 });
  });

  it("WH1: refuses JWTs with a wrong audience, issuer, publisher, lifetime or key", async () => {
    const cases: [string, JWTPayload, { foreignKey?: boolean }?][] = [
      ["wrong audience", { ...exampleClaims(), aud: "00000003-0000-0000-c000-000000000000" }],
      [
        "issuer of another tenant",
        { ...exampleClaims(), iss: `https://sts.windows.net/${otherTenantId}/` },
      ],
      ["issuer not Microsoft", { ...exampleClaims(), iss: `https://evil.example/${tenantId}/` }],
      [
        "v2 issuer on a v1 token",
        { ...exampleClaims(), iss: `https://login.microsoftonline.com/${tenantId}/v2.0` },
      ],
      ["another app as publisher", { ...exampleClaims(), appid: appId }],
      ["expired", { ...exampleClaims(), exp: 1565046813 + 60, nbf: 1565046813 - 60 }],
      ["not yet valid", { ...exampleClaims(), nbf: 1565075000 }],
      ["no tenant", { ...exampleClaims(), tid: undefined }],
      ["signed by a key Microsoft does not publish", exampleClaims(), { foreignKey: true }],
    ];
    for (const [name, claims, options] of cases) {
      const payload = { value: [richItem()], validationTokens: [await sign(claims, options)] };
      expect({ name, result: await verify(payload) }).toEqual({
        name,
        result: { ok: false, reason: "JWT_INVALID" },
      });
    }
  });

  it("WH1: refuses a batch when any one of its JWTs is invalid", async () => {
    const payload = {
      value: [richItem()],
      validationTokens: [await sign(exampleClaims()), "eyJ0eXAiOiJKV1QiLCJhb..."],
    };
    expect(await verify(payload)).toEqual({ ok: false, reason: "JWT_INVALID" });
  });

  it("WH1: refuses rich items without JWTs, or whose tenant no JWT vouches for", async () => {
    expect(await verify({ value: [richItem()] })).toEqual({ ok: false, reason: "JWT_MISSING" });

    const uncovered = {
      value: [richItem(tenantId), richItem(otherTenantId)],
      validationTokens: [await sign(exampleClaims(tenantId))],
    };
    expect(await verify(uncovered)).toEqual({ ok: false, reason: "JWT_TENANT_NOT_COVERED" });

    const anonymous = {
      value: [richItem(tenantId, { tenantId: undefined })],
      validationTokens: [await sign(exampleClaims(tenantId))],
    };
    expect(await verify(anonymous)).toEqual({ ok: false, reason: "JWT_TENANT_NOT_COVERED" });
  });

  it("reports a missing app id and unreachable keys as ours, not the caller's", async () => {
    const payload = { value: [richItem()], validationTokens: [await sign(exampleClaims())] };
    expect(await verify(payload, { appId: undefined })).toEqual({
      ok: false,
      reason: "APP_ID_UNSET",
    });
    expect(await verify(payload, { keys: unreachableKeys })).toEqual({
      ok: false,
      reason: "KEYS_UNAVAILABLE",
    });
  });

  it("never throws, and accepts nothing without the client state", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc
            .record({
              value: fc.array(fc.record({ clientState: fc.string(), tenantId: fc.string() }), {
                maxLength: 5,
              }),
              validationTokens: fc.option(fc.array(fc.string(), { maxLength: 3 }), {
                nil: undefined,
              }),
            })
            .map((payload) => Buffer.from(JSON.stringify(payload))),
        ),
        async (body) => {
          const result = await verifyGraphNotifications({ body, clientState, appId, keys, now });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
