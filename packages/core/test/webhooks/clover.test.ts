import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloverVerificationCode, verifyCloverAuth } from "../../src/webhooks/clover.ts";

const bytes = (text: string) => Buffer.from(text, "utf8");

describe("Clover verification code", () => {
  it("WH1: reads the verification POST exactly as Clover's docs show it", () => {
    // docs.clover.com, "Use webhooks", "Configure a callback URL".
    const body = bytes('{"verificationCode":"ce7643c1-83ea-4218-abe6-da876c9c7a0a"}');
    expect(cloverVerificationCode(body)).toBe("ce7643c1-83ea-4218-abe6-da876c9c7a0a");
  });

  it("WH1: takes nothing else for a verification request", () => {
    const notification = {
      appId: "DRKVJT2ZRRRSC",
      merchants: {
        ZGTOVUNV8SDHT: [{ objectId: "O:GHIVJT2ABCRSC", type: "CREATE", ts: 1536156558000 }],
      },
    };
    for (const body of [
      JSON.stringify(notification),
      '{"verificationCode":"ce7643c1-83ea-4218-abe6-da876c9c7a0a","merchants":{}}',
      '{"verificationCode":42}',
      '{"verificationCode":"<img src=x onerror=alert(1)>"}',
      '["ce7643c1-83ea-4218-abe6-da876c9c7a0a"]',
      `{"verificationCode":"${"a".repeat(600)}"}`,
      "",
      "{",
    ]) {
      expect(cloverVerificationCode(bytes(body))).toBeNull();
    }
  });

  it("never throws on random bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (body) => {
        const code = cloverVerificationCode(body);
        if (code !== null) expect(code).toMatch(/^[A-Za-z0-9-]+$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("Clover X-Clover-Auth", () => {
  // docs.clover.com, "Use webhooks", "Clover auth code header": the header Clover sends.
  const authCode = "0307e264-b33a-4913-88aa-37b10014a0b8";

  it("WH1: accepts the header from Clover's docs when it is the configured code", () => {
    expect(verifyCloverAuth({ authCode, header: "0307e264-b33a-4913-88aa-37b10014a0b8" })).toEqual({
      ok: true,
    });
  });

  it("WH1: refuses another code, a prefix of the code, and a missing header", () => {
    expect(verifyCloverAuth({ authCode, header: "0307e264-b33a-4913-88aa-37b10014a0b9" })).toEqual({
      ok: false,
      reason: "AUTH_MISMATCH",
    });
    expect(verifyCloverAuth({ authCode, header: authCode.slice(0, 8) })).toEqual({
      ok: false,
      reason: "AUTH_MISMATCH",
    });
    expect(verifyCloverAuth({ authCode, header: undefined })).toEqual({
      ok: false,
      reason: "AUTH_MISSING",
    });
    expect(verifyCloverAuth({ authCode, header: "" })).toEqual({
      ok: false,
      reason: "AUTH_MISSING",
    });
  });

  it("never throws, and accepts no other header value", () => {
    fc.assert(
      fc.property(fc.string(), (header) => {
        const result = verifyCloverAuth({ authCode, header });
        expect(result.ok).toBe(header.trim() === authCode);
      }),
      { numRuns: 500 },
    );
  });
});
