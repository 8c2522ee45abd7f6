import { describe, expect, it } from "vitest";
import {
  twilioBodyHash,
  twilioSignature,
  verifyTwilioSignature,
} from "../../src/webhooks/twilio.ts";

// Unless noted, the vectors are twilio-node's: repository twilio/twilio-node, file
// spec/validation.spec.js (auth token "12345", Twilio's documentation example request).
const TOKEN = "12345";
const URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
const PARAMS = {
  CallSid: "CA1234567890ABCDE",
  Caller: "+14158675309",
  Digits: "1234",
  From: "+14158675309",
  To: "+18005551212",
};
const SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
const JSON_BODY = '{"property": "value", "boolean": true}';
const JSON_BODY_HASH = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

/** The form body Twilio would POST: repeated names as repeated fields. */
function form(params: Record<string, string | string[]>): Buffer {
  const search = new URLSearchParams();
  for (const [name, values] of Object.entries(params)) {
    for (const value of [values].flat()) search.append(name, value);
  }
  return Buffer.from(search.toString());
}

function verify(url: string, body: Uint8Array, signature: string | undefined, authToken = TOKEN) {
  return verifyTwilioSignature({ authToken, url, body, signature });
}

describe("Twilio X-Twilio-Signature", () => {
  it.each([
    // spec/validation.spec.js "should succeed with the correct signature"
    ["the documented example", URL, SIGNATURE],
    // "should validate https urls with ports by stripping them"
    ["an https URL with a port, signed without it", URL.replace(".com", ".com:1234"), SIGNATURE],
    // "should validate http urls with ports"
    [
      "an http URL with its port",
      URL.replace(".com", ".com:1234").replace("https", "http"),
      "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=",
    ],
    // "should validate https urls without ports by adding standard port 443"
    ["an https URL signed with :443", URL, "kvajT1Ptam85bY51eRf/AJRuM3w="],
    // "should validate http urls without ports by adding standard port 80"
    ["an http URL signed with :80", URL.replace("https", "http"), "0ZXoZLH/DfblKGATFgpif+LLRf4="],
    // "should validate urls with credentials"
    [
      "a URL with credentials",
      "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
      "CukzLTc1tT5dXEDIHm/tKBanW10=",
    ],
    // "should validate urls with just username"
    [
      "a URL with a user name",
      "https://user@mycompany.com/myapp.php?foo=1&bar=2",
      "2YRLlVAflCqxaNicjMpJcSTgzSs=",
    ],
    // "should validate urls with credentials by adding port"
    [
      "a URL with credentials signed with :443",
      "https://user:pass@mycompany.com/myapp.php?foo=1&bar=2",
      "ZQFR1PTIZXF2MXB8ZnKCvnnA+rI=",
    ],
    // "should validate urls with special characters"
    ["a query with ' and +", `${URL}&Body=It's+amazing`, "dsq4Ehbj6cs+KdTkpF5sSSplOWw="],
  ])("WH1: verifies twilio-node's vector for %s", (_, url, signature) => {
    expect(verify(url, form(PARAMS), signature)).toEqual({ ok: true });
  });

  it("WH1: verifies the example in Twilio's documentation snippets", () => {
    // Repository TwilioDevEd/api-snippets, security/signature_validation/
    // signature_validation.3.x.js: the same request, with Caller and From ending in 10.
    const params = { ...PARAMS, Caller: "+14158675310", From: "+14158675310" };
    expect(verify(URL, form(params), "GvWf1cFY/Q7PnoempGyD5oXAezc=")).toEqual({ ok: true });
  });

  it("WH1: repeated parameter names sign each distinct value once, sorted, as twilio-node does", () => {
    // spec/validation.spec.js "should validate request body with an array parameter"
    // (both orders) and "... with multiple params and values".
    const address = "MessagingBinding.Address";
    const arrays = "83O6e2vORAoJHUNzJjDWN1jz+BA=";
    expect(verify(URL, form({ [address]: ["+1325xxxxxxx", "+1415xxxxxxx"] }), arrays).ok).toBe(
      true,
    );
    expect(verify(URL, form({ [address]: ["+1415xxxxxxx", "+1325xxxxxxx"] }), arrays).ok).toBe(
      true,
    );

    const repeated = { Sid: "CA123", SidAccount: "AC123", Digits: ["5678", "1234", "1234"] };
    expect(verify(URL, form(repeated), "IK+Dwps556ElfBT0I3Rgjkr1wJU=").ok).toBe(true);
    // Field order on the wire does not matter either.
    const shuffled = Buffer.from("Digits=1234&Sid=CA123&Digits=5678&SidAccount=AC123&Digits=1234");
    expect(verify(URL, shuffled, "IK+Dwps556ElfBT0I3Rgjkr1wJU=").ok).toBe(true);
    // A value repeated is signed once, so dropping the duplicate changes nothing...
    const deduplicated = { ...repeated, Digits: ["1234", "5678"] };
    expect(verify(URL, form(deduplicated), "IK+Dwps556ElfBT0I3Rgjkr1wJU=").ok).toBe(true);
    // ...but dropping a distinct value does.
    expect(
      verify(URL, form({ ...repeated, Digits: "1234" }), "IK+Dwps556ElfBT0I3Rgjkr1wJU="),
    ).toEqual({ ok: false, reason: "SIGNATURE_MISMATCH" });
  });

  it("WH1: a JSON body verifies by the bodySHA256 in the signed URL", () => {
    // spec/validation.spec.js "should validate post body correctly", "... request body when
    // given", "... when empty" and "... with only sha param".
    expect(twilioBodyHash(JSON_BODY)).toBe(JSON_BODY_HASH);
    const withHash = `${URL}&bodySHA256=${JSON_BODY_HASH}`;
    expect(verify(withHash, Buffer.from(JSON_BODY), "a9nBmqA0ju/hNViExpshrM61xv4=")).toEqual({
      ok: true,
    });
    const emptyHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
    const withEmpty = `${URL}&bodySHA256=${emptyHash}`;
    expect(verify(withEmpty, Buffer.from("{}"), "Ldidvp12m26NI7eqEvxnEpkd9Hc=").ok).toBe(true);
    const onlyHash = `https://mycompany.com/myapp.php?bodySHA256=${JSON_BODY_HASH}`;
    expect(verify(onlyHash, Buffer.from(JSON_BODY), "y77kIzt2vzLz71DgmJGsen2scGs=").ok).toBe(true);
  });

  it("WH1: a JSON body that does not hash to the signed bodySHA256 is refused", () => {
    const withHash = `${URL}&bodySHA256=${JSON_BODY_HASH}`;
    const tampered = Buffer.from(JSON_BODY.replace("value", "other"));
    expect(verify(withHash, tampered, "a9nBmqA0ju/hNViExpshrM61xv4=")).toEqual({
      ok: false,
      reason: "BODY_HASH_MISMATCH",
    });
    // spec/validation.spec.js "should fail validation of post body with wrong hash": a hash
    // one character short changes the signed URL.
    const shortened = withHash.slice(0, -1);
    expect(verify(shortened, Buffer.from(JSON_BODY), "a9nBmqA0ju/hNViExpshrM61xv4=")).toEqual({
      ok: false,
      reason: "SIGNATURE_MISMATCH",
    });
  });

  it("WH1: accepts the URL with and without its default port, as Twilio's validator does", () => {
    // spec/unit/webhooks/webhooks.spec.js in twilio/twilio-node: a signature over the URL
    // with :443 verifies against the URL without it, and the other way round.
    const authToken = "s3cr3t";
    const withPort = "https://example.com:443/path?test=param";
    const without = "https://example.com/path?test=param";
    const check = (signedUrl: string, url: string) =>
      verify(url, new Uint8Array(), twilioSignature(authToken, signedUrl), authToken).ok;
    expect(check(withPort, withPort)).toBe(true);
    expect(check(withPort, without)).toBe(true);
    expect(check(without, without)).toBe(true);
    expect(check(without, withPort)).toBe(true);
    expect(check("http://example.com:80/path", "http://example.com/path")).toBe(true);
    expect(check("http://example.com/path", "http://example.com:80/path")).toBe(true);
    // "should return false when the signature URL does not match the target URL"
    expect(check(without, "https://example.com/path?test=param2")).toBe(false);
  });

  it("WH1: a quote in the query verifies escaped or not, as Twilio's validator does", () => {
    // spec/unit/webhooks/webhooks.spec.js, the four single-quote cases.
    const authToken = "s3cr3t";
    const raw = "https://example.com/path?test=param'WithQuote";
    const escaped = "https://example.com/path?test=param%27WithQuote";
    for (const signedUrl of [raw, escaped]) {
      for (const url of [raw, escaped]) {
        const signature = twilioSignature(authToken, signedUrl);
        expect(
          verify(url, new Uint8Array(), signature, authToken).ok,
          `${signedUrl} → ${url}`,
        ).toBe(true);
      }
    }
  });

  it("WH1: a tampered parameter, another URL or another auth token is a mismatch", () => {
    const mismatch = { ok: false, reason: "SIGNATURE_MISMATCH" };
    expect(verify(URL, form({ ...PARAMS, Digits: "9999" }), SIGNATURE)).toEqual(mismatch);
    expect(verify(URL, form({ ...PARAMS, Extra: "" }), SIGNATURE)).toEqual(mismatch);
    // spec/validation.spec.js, middleware "should send 403 for invalid signatures".
    expect(verify(`${URL}&somethingUnexpected=true`, form(PARAMS), SIGNATURE)).toEqual(mismatch);
    expect(verify(URL.replace("https", "http"), form(PARAMS), SIGNATURE)).toEqual(mismatch);
    expect(verify(URL, form(PARAMS), SIGNATURE, "54321")).toEqual(mismatch);
  });

  it("WH1: a missing, empty or malformed header is refused, never thrown", () => {
    expect(verify(URL, form(PARAMS), undefined)).toEqual({
      ok: false,
      reason: "SIGNATURE_MISSING",
    });
    expect(verify(URL, form(PARAMS), "")).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    // spec/validation.spec.js "should fail when given the wrong signature"
    for (const signature of ["WRONG_SIGNATURE", "RSOYDt4T1cUTdK1PDd93/VVr8B8", "é".repeat(500)]) {
      expect(verify(URL, form(PARAMS), signature)).toEqual({
        ok: false,
        reason: "SIGNATURE_MISMATCH",
      });
    }
    // A base64 decoder would skip the stray characters; the comparison does not.
    expect(verify(URL, form(PARAMS), `${SIGNATURE}!`).ok).toBe(false);
    expect(verify(URL, form(PARAMS), ` ${SIGNATURE}`).ok).toBe(false);
  });

  it("refuses a URL that does not parse, and throws only when no auth token is configured", () => {
    expect(verify("not a url", form(PARAMS), SIGNATURE)).toEqual({
      ok: false,
      reason: "URL_INVALID",
    });
    expect(() => verify(URL, form(PARAMS), SIGNATURE, "")).toThrow(/no auth token/);
  });

  it("signs what it verifies: twilioSignature reproduces the documented example", () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(SIGNATURE);
    expect(twilioSignature(TOKEN, URL, new URLSearchParams(PARAMS))).toBe(SIGNATURE);
  });
});
