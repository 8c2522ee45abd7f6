import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  generateInternalWebhookSecret,
  isInternalWebhookSecret,
  signInternalWebhook,
  verifyInternalWebhook,
} from "../../src/webhooks/standard.ts";

// The Standard Webhooks test vector, from the reference JavaScript library's tests:
// standard-webhooks/standard-webhooks, libraries/javascript/src/webhook.test.ts
// ("sign function works"); the same vector is in the PHP, Go and other libraries' tests.
const vector = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const at = (seconds: number) => new Date(seconds * 1000);
const bytes = (text: string) => Buffer.from(text, "utf8");

function verifyVector(overrides: {
  secret?: string;
  id?: string | undefined;
  timestamp?: string | undefined;
  signature?: string | undefined;
  body?: string;
  now?: Date;
}) {
  const headers = {
    id: vector.id,
    timestamp: String(vector.timestamp),
    signature: vector.signature,
  };
  for (const key of ["id", "timestamp", "signature"] as const) {
    if (key in overrides) headers[key] = overrides[key] as string;
  }
  return verifyInternalWebhook({
    secret: overrides.secret ?? vector.secret,
    headers,
    body: bytes(overrides.body ?? vector.body),
    now: overrides.now ?? at(vector.timestamp),
  });
}

describe("internal webhooks: Standard Webhooks signatures", () => {
  it("WH2: signs the Standard Webhooks test vector byte for byte", () => {
    const headers = signInternalWebhook({
      secret: vector.secret,
      id: vector.id,
      timestamp: at(vector.timestamp),
      body: vector.body,
    });
    expect(headers).toEqual({
      "webhook-id": vector.id,
      "webhook-timestamp": "1614265330",
      "webhook-signature": vector.signature,
    });
  });

  it("WH2: verifies the test vector, with or without the whsec_ prefix on the key", () => {
    expect(verifyVector({})).toEqual({ ok: true, id: vector.id, timestamp: vector.timestamp });
    // Reference library test "verification works with and without signature prefix".
    expect(verifyVector({ secret: vector.secret.slice("whsec_".length) }).ok).toBe(true);
  });

  it("WH2: accepts a valid v1 signature among several (reference multi-sig case)", () => {
    // Reference library test "multi sig payload is valid": other versions and wrong
    // signatures around the valid one.
    const signature = [
      "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
      "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
      vector.signature,
      "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
    ].join(" ");
    expect(verifyVector({ signature }).ok).toBe(true);
  });

  it("WH2: refuses invalid and partial signatures (the reference library's cases)", () => {
    for (const signature of [
      "v1,dawfeoifkpqwoekfpqoekf",
      vector.signature.slice(0, 8),
      "v1,",
      "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
      "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
    ]) {
      expect(verifyVector({ signature })).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    }
  });

  it("WH2: refuses a tampered body and a different key", () => {
    expect(verifyVector({ body: '{"test": 2432232315}' })).toEqual({
      ok: false,
      reason: "SIGNATURE_MISMATCH",
    });
    expect(verifyVector({ secret: generateInternalWebhookSecret() })).toEqual({
      ok: false,
      reason: "SIGNATURE_MISMATCH",
    });
  });

  it("WH2: refuses missing or malformed headers", () => {
    expect(verifyVector({ id: undefined })).toEqual({ ok: false, reason: "ID_MALFORMED" });
    expect(verifyVector({ id: "msg.1" })).toEqual({ ok: false, reason: "ID_MALFORMED" });
    expect(verifyVector({ timestamp: undefined })).toEqual({
      ok: false,
      reason: "TIMESTAMP_MALFORMED",
    });
    expect(verifyVector({ timestamp: "hello" })).toEqual({
      ok: false,
      reason: "TIMESTAMP_MALFORMED",
    });
    expect(verifyVector({ signature: undefined })).toEqual({
      ok: false,
      reason: "SIGNATURE_MISSING",
    });
  });

  it("WH2: accepts a timestamp up to five minutes off, and refuses a stale or future one", () => {
    const { timestamp } = vector;
    expect(verifyVector({ now: at(timestamp + 300) }).ok).toBe(true);
    expect(verifyVector({ now: at(timestamp - 300) }).ok).toBe(true);
    expect(verifyVector({ now: at(timestamp + 301) })).toEqual({
      ok: false,
      reason: "TIMESTAMP_OUT_OF_RANGE",
    });
    expect(verifyVector({ now: at(timestamp - 301) })).toEqual({
      ok: false,
      reason: "TIMESTAMP_OUT_OF_RANGE",
    });
  });

  it("WH2: what the runtime signs, the reference library verifies, and the other way round", () => {
    const secret = generateInternalWebhookSecret();
    const body = JSON.stringify({ callId: "call_1", text: "Hello" });
    const now = new Date();
    const headers = signInternalWebhook({ secret, id: "seg_1", timestamp: now, body });
    // `verify` reads the wall clock, so this runs at the current time.
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));

    const seconds = Math.floor(now.getTime() / 1000);
    const signature = new Webhook(secret).sign("seg_2", at(seconds), body);
    const result = verifyInternalWebhook({
      secret,
      headers: { id: "seg_2", timestamp: String(seconds), signature },
      body: bytes(body),
      now,
    });
    expect(result).toEqual({ ok: true, id: "seg_2", timestamp: seconds });
  });

  it("takes only Standard Webhooks keys of 24 to 64 bytes", () => {
    expect(isInternalWebhookSecret(generateInternalWebhookSecret())).toBe(true);
    expect(isInternalWebhookSecret(vector.secret)).toBe(true);
    expect(isInternalWebhookSecret(randomBytes(32).toString("base64"))).toBe(true);
    // The old local format (base64url, unpadded) and short keys are refused.
    expect(isInternalWebhookSecret(randomBytes(32).toString("base64url"))).toBe(false);
    expect(isInternalWebhookSecret(`whsec_${randomBytes(16).toString("base64")}`)).toBe(false);
    expect(isInternalWebhookSecret("")).toBe(false);

    expect(verifyVector({ secret: "whsec_abc-_def" })).toEqual({
      ok: false,
      reason: "SECRET_UNUSABLE",
    });
    expect(() =>
      signInternalWebhook({ secret: "not-a-key", id: "x", timestamp: new Date(), body: "" }),
    ).toThrow("whsec_");
  });

  it("never throws, and accepts nothing unsigned, whatever the headers and body", () => {
    const header = fc.option(fc.string({ maxLength: 120 }), { nil: undefined });
    fc.assert(
      fc.property(
        header,
        header,
        header,
        fc.uint8Array({ maxLength: 256 }),
        (id, ts, sig, body) => {
          const result = verifyInternalWebhook({
            secret: vector.secret,
            headers: { id, timestamp: ts, signature: sig },
            body,
            now: at(vector.timestamp),
          });
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});
