import { describe, expect, it } from "vitest";
import { squareSignature, verifySquareSignature } from "../../src/webhooks/square.ts";

// The vectors are the square SDK's: repository square/square-nodejs-sdk, file
// tests/integration/webhooks.test.ts ("Test webhooks signature validation"), a real
// `webhooks.test_notification` with its signature key and notification URL.
const BODY =
  '{"merchant_id":"MLEFBHHSJGVHD","type":"webhooks.test_notification","event_id":"ac3ac95b-f97d-458c-a6e6-18981597e05f","created_at":"2022-07-13T20:30:59.037339943Z","data":{"type":"webhooks","id":"bc368e64-01aa-407e-b46e-3231809b1129"}}';
const SIGNATURE = "GF4YkrJgGBDZ9NIYbNXBnMzqb2HoL4RW/S6vkZ9/2N4=";
const KEY = "Ibxx_5AKakO-3qeNVR61Dw";
const URL = "https://webhook.site/679a4f3a-dcfa-49ee-bac5-9d0edad886b9";

function verify(
  signature: string | undefined,
  options: { body?: string; key?: string; url?: string } = {},
) {
  return verifySquareSignature({
    signatureKey: options.key ?? KEY,
    notificationUrl: options.url ?? URL,
    body: Buffer.from(options.body ?? BODY),
    signature,
  });
}

describe("Square x-square-hmacsha256-signature", () => {
  it("WH1: verifies the square SDK's recorded notification, and reads its event_id", () => {
    // "test signature validation pass"
    expect(verify(SIGNATURE)).toEqual({
      ok: true,
      eventId: "ac3ac95b-f97d-458c-a6e6-18981597e05f",
    });
    expect(squareSignature(KEY, URL, BODY)).toBe(SIGNATURE);
  });

  it("WH1: verifies the square SDK's vectors for bodies with and without escaped characters", () => {
    const url = "https://webhook.site/webhooks";
    const key = "signature-key";
    // "test signature unescaped chars validation pass"
    const plain = '{"data":{"type":"webhooks","id":"fake_id"}}';
    expect(
      verify("W3FlCNk5IA3ZQ2LHTWoajvzfaDu/OwY2tNHIHC3IUOA=", { body: plain, key, url }),
    ).toEqual({
      ok: true,
      eventId: null,
    });
    // "test signature with escaped characters"
    const escaped = '{"data":{"type":"webhooks","id":">id<"}}';
    expect(
      verify("Cxt7+aTi4rKgcA0bC4g9EHdVtLSDWdqccmL5MvihU4U=", { body: escaped, key, url }).ok,
    ).toBe(true);
  });

  it("WH1: another notification URL, key, body or signature is a mismatch", () => {
    const mismatch = { ok: false, reason: "SIGNATURE_MISMATCH" };
    // "... fails on notification url mismatch"
    expect(
      verify(SIGNATURE, { url: "https://webhook.site/79a4f3a-dcfa-49ee-bac5-9d0edad886b9" }),
    ).toEqual(mismatch);
    // "... fails on invalid signature key"
    expect(verify(SIGNATURE, { key: "MCmhFRxGX82xMwg5FsaoQA" })).toEqual(mismatch);
    // "... fails on invalida signature header" (an old HMAC-SHA1 x-square-signature)
    expect(verify("1z2n3DEJJiUPKcPzQo1ftvbxGdw=")).toEqual(mismatch);
    // "... fails on request body mismatch": one digit of created_at changed.
    expect(verify(SIGNATURE, { body: BODY.replace("2022-07-13", "2022-06-13") })).toEqual(mismatch);
    // "... fails on request body formatted": the same JSON, pretty-printed.
    expect(verify(SIGNATURE, { body: JSON.stringify(JSON.parse(BODY), null, 4) })).toEqual(
      mismatch,
    );
  });

  it("WH1: a missing, empty or malformed header is refused, never thrown", () => {
    expect(verify(undefined)).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    expect(verify("")).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    for (const signature of ["x", `${SIGNATURE}=`, SIGNATURE.slice(1), "\u0000".repeat(44)]) {
      expect(verify(signature)).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
    }
  });

  it("throws only when no signature key is configured", () => {
    // The square SDK throws "signatureKey is null or empty" too: it is a deployment error.
    expect(() => verify(SIGNATURE, { key: "" })).toThrow(/no signature key/);
  });
});
