import { describe, expect, it } from "vitest";
import {
  STRIPE_TOLERANCE_SECONDS,
  stripeSecrets,
  stripeSignatureHeader,
  verifyStripeSignature,
} from "../../src/webhooks/stripe.ts";

// Stripe publishes no fixed signature in its documentation; its own library tests sign
// with `webhooks.generateTestHeaderString` (repository stripe/stripe-node, file
// test/Webhook.spec.ts, whose payload and secret these are). The two headers below were
// produced by that function of the official `stripe` package (23.2.0) at t=1700000000;
// packages/functions/test/verifiers-signed.test.ts re-derives them with the installed SDK
// on every run, so they cannot drift from Stripe's scheme unnoticed.
const PAYLOAD = JSON.stringify({ id: "evt_test_webhook", object: "event" }, null, 2);
const SECRET = "whsec_test_secret";
const ROLLED = "whsec_rolled_secret";
const T = 1_700_000_000;
const V1 = "4f1cd7feda9826e746b7d482c4badebb657398df1099e1046364f6196a230150";
const V1_ROLLED = "7ec700d2512bb00320916aa4093123ef52cdfc7269a1f0c3bb98f63484884125";
const HEADER = `t=${T},v1=${V1}`;

const at = (seconds: number) => new Date(seconds * 1000);

function verify(
  header: string | undefined,
  options: { secrets?: string[]; now?: Date; body?: string } = {},
) {
  return verifyStripeSignature({
    secrets: options.secrets ?? [SECRET],
    header,
    body: Buffer.from(options.body ?? PAYLOAD),
    now: options.now ?? at(T),
  });
}

describe("Stripe Stripe-Signature", () => {
  it("WH1: verifies headers made by Stripe's SDK, and reads the event id after verifying", () => {
    expect(verify(HEADER)).toEqual({ ok: true, eventId: "evt_test_webhook" });
    expect(verify(`t=${T},v1=${V1_ROLLED}`, { secrets: [ROLLED] })).toEqual({
      ok: true,
      eventId: "evt_test_webhook",
    });
    expect(stripeSignatureHeader(SECRET, PAYLOAD, T)).toBe(HEADER);
  });

  it("WH1: Stripe signatures verify per Stripe's scheme, with rotation and a 300 s tolerance", () => {
    // Rolling: either configured secret verifies a single v1...
    expect(verify(HEADER, { secrets: [ROLLED, SECRET] }).ok).toBe(true);
    // ...and Stripe's header with one v1 per secret verifies with either secret alone.
    const both = `t=${T},v1=${V1_ROLLED},v1=${V1}`;
    expect(verify(both, { secrets: [SECRET] }).ok).toBe(true);
    expect(verify(both, { secrets: [ROLLED] }).ok).toBe(true);
    // stripe-node "should return true when the header contains at least one valid signature".
    expect(verify(`${HEADER},v1=potato`).ok).toBe(true);

    expect(STRIPE_TOLERANCE_SECONDS).toBe(300);
    expect(verify(HEADER, { now: at(T + 300) }).ok).toBe(true);
    expect(verify(HEADER, { now: at(T - 300) }).ok).toBe(true);
  });

  it("WH1: a timestamp more than 300 s old, or ahead, is refused even with a valid signature", () => {
    const outside = { ok: false, reason: "TIMESTAMP_OUT_OF_TOLERANCE" };
    expect(verify(HEADER, { now: at(T + 301) })).toEqual(outside);
    expect(verify(HEADER, { now: at(T - 301) })).toEqual(outside);
    // Re-signing under a fresh timestamp is what an attacker cannot do without the secret.
    expect(verify(`t=${T + 3600},v1=${V1}`, { now: at(T + 3600) })).toEqual({
      ok: false,
      reason: "SIGNATURE_MISMATCH",
    });
  });

  it("WH1: a tampered body, a wrong secret or an unknown v1 is a mismatch", () => {
    const mismatch = { ok: false, reason: "SIGNATURE_MISMATCH" };
    expect(verify(HEADER, { body: PAYLOAD.replace("evt_test_webhook", "evt_forged") })).toEqual(
      mismatch,
    );
    expect(verify(HEADER, { body: `${PAYLOAD} ` })).toEqual(mismatch);
    expect(verify(HEADER, { secrets: [ROLLED] })).toEqual(mismatch);
    expect(verify(`t=${T},v1=${V1.toUpperCase()}`)).toEqual(mismatch);
    expect(verify(`t=${T},v1=${V1.slice(0, -1)}`)).toEqual(mismatch);
  });

  it("WH1: ignores v0 and schemes it does not know, but needs a v1", () => {
    expect(verify(`t=${T},v0=${V1},v1=${V1},v2=anything,x=y`).ok).toBe(true);
    expect(verify(`t=${T},v0=${V1}`)).toEqual({ ok: false, reason: "SIGNATURE_MALFORMED" });
  });

  it("WH1: a missing or malformed header is refused, never thrown", () => {
    expect(verify(undefined)).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    expect(verify("")).toEqual({ ok: false, reason: "SIGNATURE_MISSING" });
    for (const header of [
      "garbage",
      `v1=${V1}`,
      `t=,v1=${V1}`,
      `t=abc,v1=${V1}`,
      `t=-${T},v1=${V1}`,
      `t=${T}.5,v1=${V1}`,
      `t=1${"0".repeat(20)},v1=${V1}`,
      `t=${T},t=${T},v1=${V1}`,
      `t=${T},v1=${V1},`,
      `t=${T},,v1=${V1}`,
      `t=${T},=${V1}`,
      `t=${T}`,
    ]) {
      expect(verify(header), header).toEqual({ ok: false, reason: "SIGNATURE_MALFORMED" });
    }
  });

  it("reads a verified body without an id as an event without one", () => {
    const body = '{"object":"event"}';
    expect(verify(stripeSignatureHeader(SECRET, body, T), { body })).toEqual({
      ok: true,
      eventId: null,
    });
    expect(verify(stripeSignatureHeader(SECRET, "[]", T), { body: "[]" })).toEqual({
      ok: true,
      eventId: null,
    });
  });

  it("reads STRIPE_WEBHOOK_SECRET as one secret or several, and refuses to run with none", () => {
    expect(stripeSecrets(SECRET)).toEqual([SECRET]);
    expect(stripeSecrets(` ${ROLLED} , ${SECRET},, `)).toEqual([ROLLED, SECRET]);
    expect(() => verify(HEADER, { secrets: [] })).toThrow(/no signing secret/);
  });
});
