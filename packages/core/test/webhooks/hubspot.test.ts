import { describe, expect, it } from "vitest";
import {
  HUBSPOT_MAX_AGE_MS,
  hubspotSignature,
  hubspotSignedUri,
  verifyHubSpotSignature,
} from "../../src/webhooks/hubspot.ts";

// HubSpot documents v3 step by step ("Validating requests", "Validate the v3 request
// signature") but prints no worked v3 signature; its worked examples are for v1 and v2,
// whose client secret, URL and body these are. The signatures below were produced by the
// official `@hubspot/api-client` (14.0.1), `Signature.getSignature("POST", "v3", …)` at
// timestamp 1700000000000 (repository HubSpot/hubspot-api-nodejs, src/utils/signature.ts,
// exercised the same way in test/unit/signature.spec.ts "Validates v3"), and
// packages/functions/test/verifiers-signed.test.ts re-derives them with the installed SDK
// on every run.
const SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const URI = "https://www.example.com/webhook_uri";
const BODY = '{"example_field":"example_value"}';
const TIMESTAMP = "1700000000000";
const SIGNATURE = "rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=";
// The SDK signs the URI it is given; HubSpot signs the URI with its table decoded, so the
// SDK's signature over the decoded form is what HubSpot sends for the encoded request.
const BATCH =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';
const DECODED_URI = `${URI}?list=a,b&at=x@y`;
const BATCH_SIGNATURE = "gNZHyhJP7AN4ikUc3p7X+TKhIJDAxCjuWCdBJeDMqeM=";

interface Overrides {
  method?: string;
  uri?: string;
  body?: string;
  signature?: string | undefined;
  timestamp?: string | undefined;
  now?: number;
  secret?: string;
}

function verify(overrides: Overrides = {}) {
  return verifyHubSpotSignature({
    clientSecret: overrides.secret ?? SECRET,
    method: overrides.method ?? "POST",
    uri: overrides.uri ?? URI,
    body: Buffer.from(overrides.body ?? BODY),
    signature: "signature" in overrides ? overrides.signature : SIGNATURE,
    timestamp: "timestamp" in overrides ? overrides.timestamp : TIMESTAMP,
    now: new Date(overrides.now ?? Number(TIMESTAMP)),
  });
}

describe("HubSpot X-HubSpot-Signature-v3", () => {
  it("WH1: verifies signatures made by HubSpot's SDK over method, URI, body and timestamp", () => {
    expect(verify()).toEqual({ ok: true });
    expect(
      hubspotSignature(SECRET, { method: "POST", uri: URI, body: BODY, timestamp: TIMESTAMP }),
    ).toBe(SIGNATURE);
  });

  it("WH1: decodes exactly the characters of HubSpot's table in the URI before verifying", () => {
    const encoded = `${URI}?list=a%2Cb&at=x%40y`;
    expect(hubspotSignedUri(encoded)).toBe(DECODED_URI);
    expect(verify({ uri: encoded, body: BATCH, signature: BATCH_SIGNATURE })).toEqual({ ok: true });
    expect(verify({ uri: encoded, body: BATCH, signature: SIGNATURE }).ok).toBe(false);
    expect(
      verify({ uri: `${URI}?list=a%2cb&at=x%40y`, body: BATCH, signature: BATCH_SIGNATURE }).ok,
    ).toBe(true);

    expect(hubspotSignedUri("https://h.example/p%3A%2F%3F%40%21%24%27%28%29%2A%2C%3B")).toBe(
      "https://h.example/p:/?@!$'()*,;",
    );
    // Escapes outside the table, a space or & or = among them, stay as they came.
    expect(hubspotSignedUri("https://h.example/a%20b?x=%26%3D%25%2B%7E")).toBe(
      "https://h.example/a%20b?x=%26%3D%25%2B%7E",
    );
  });

  it("WH1: HubSpot signatures are refused once older than five minutes, or as far ahead", () => {
    const outside = { ok: false, reason: "TIMESTAMP_OUT_OF_WINDOW" };
    expect(HUBSPOT_MAX_AGE_MS).toBe(300_000);
    expect(verify({ now: Number(TIMESTAMP) + 300_000 }).ok).toBe(true);
    expect(verify({ now: Number(TIMESTAMP) - 300_000 }).ok).toBe(true);
    expect(verify({ now: Number(TIMESTAMP) + 300_001 })).toEqual(outside);
    expect(verify({ now: Number(TIMESTAMP) - 300_001 })).toEqual(outside);
  });

  it("WH1: a tampered body, method, URI, timestamp or secret is a mismatch", () => {
    const mismatch = { ok: false, reason: "SIGNATURE_MISMATCH" };
    expect(verify({ body: BODY.replace("example_value", "forged") })).toEqual(mismatch);
    expect(verify({ method: "PUT" })).toEqual(mismatch);
    expect(verify({ uri: `${URI}/` })).toEqual(mismatch);
    expect(verify({ uri: URI.replace("https", "http") })).toEqual(mismatch);
    expect(verify({ timestamp: String(Number(TIMESTAMP) + 1) })).toEqual(mismatch);
    expect(verify({ secret: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" })).toEqual(mismatch);
  });

  it("WH1: a missing or malformed header is refused, never thrown", () => {
    expect(verify({ signature: undefined })).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    expect(verify({ signature: "" })).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    expect(verify({ timestamp: undefined })).toEqual({ ok: false, reason: "TIMESTAMP_MISSING" });
    for (const timestamp of [
      "soon",
      "-1700000000000",
      "1700000000000.0",
      " 1700000000000",
      "1e12",
      "9".repeat(16),
    ]) {
      expect(verify({ timestamp }), timestamp).toEqual({
        ok: false,
        reason: "TIMESTAMP_MALFORMED",
      });
    }
    for (const signature of ["x", SIGNATURE.replace("+", " "), `${SIGNATURE}=`]) {
      expect(verify({ signature })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    }
  });

  it("throws only when no client secret is configured", () => {
    expect(() => verify({ secret: "" })).toThrow(/no client secret/);
  });
});
