import { randomUUID } from "node:crypto";
import {
  auditLogs,
  calls,
  integrations,
  orders,
  organizations,
  toolInvocations,
  transcriptSegments,
  whatsappTemplates,
} from "@voicecraft/core/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  internalCallEnded,
  internalToolInvocation,
  internalTranscript,
  webhooksClover,
  webhooksGoogleCalendar,
  webhooksHubspot,
  webhooksMeta,
  webhooksMetaHandshake,
  webhooksSquare,
  webhooksStripe,
  webhooksTwilioRecording,
  webhooksTwilioStatus,
  webhooksTwilioVoice,
} from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import {
  asClover,
  asGoogleCalendar,
  asHubspot,
  asMeta,
  asRuntime,
  asSquare,
  asStripe,
  asTwilio,
  SECRETS_FOR_TESTS,
} from "./signing.ts";
import { rowCounts } from "./tables.ts";
import { createTenant, type Tenant } from "./tenants.ts";

let app: TestApp;
let a: Tenant;
let b: Tenant;

const STREAM = "wss://runtime.voicecraft.test/stream";
const sid = (prefix: string) => `${prefix}${randomUUID().replaceAll("-", "")}`;

beforeAll(async () => {
  app = await startTestApp({ ...SECRETS_FOR_TESTS, VOICE_RUNTIME_STREAM_URL: STREAM });
  [a, b] = [await createTenant(app.db, "Alpha"), await createTenant(app.db, "Bravo")];
});

afterAll(() => app.close());

async function inboundCall(to: string, callSid = sid("CA")) {
  const form = { CallSid: callSid, AccountSid: sid("AC"), From: "+15557654321", To: to };
  return { callSid, res: await app.call(webhooksTwilioVoice, asTwilio(webhooksTwilioVoice, form)) };
}

async function integration(
  tenant: Tenant,
  provider: "square" | "clover" | "hubspot",
  account: string,
) {
  const id = randomUUID();
  await app.db.insert(integrations).values({
    orgId: tenant.orgId,
    id,
    provider,
    externalAccountId: account,
    accessTokenCiphertext: new Uint8Array([1]),
    keyVersion: 1,
  });
  return id;
}

describe("the call pipeline", () => {
  it("TN2: an inbound call finds its agent by the called number and connects the media stream", async () => {
    const { callSid, res } = await inboundCall(a.phoneNumber);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/xml");
    const [call] = await app.db.select().from(calls).where(eq(calls.providerCallId, callSid));
    expect(call).toMatchObject({ orgId: a.orgId, agentId: a.agentId, status: "ringing" });
    expect(res.text).toContain(`<Stream url="${STREAM}">`);
    expect(res.text).toContain(`<Parameter name="callId" value="${call?.id}"/>`);

    // The same call delivered twice is one call.
    const again = await inboundCall(a.phoneNumber, callSid);
    expect(again.res.status).toBe(200);
    expect(await app.db.$count(calls, eq(calls.providerCallId, callSid))).toBe(1);
  });

  it("TN2: a call to a number no agent owns answers 404 and writes nothing", async () => {
    const before = await rowCounts(app.db);
    const { res } = await inboundCall("+15559999999");
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ error: { code: "UNKNOWN_TENANT" } });
    expect(await rowCounts(app.db)).toEqual(before);
  });

  it("TN2: a status callback cannot reach a call of another org through its own number", async () => {
    const { callSid } = await inboundCall(b.phoneNumber);
    const cross = await app.call(
      webhooksTwilioStatus,
      asTwilio(webhooksTwilioStatus, {
        CallSid: callSid,
        AccountSid: sid("AC"),
        From: "+15557654321",
        To: a.phoneNumber,
        CallStatus: "completed",
      }),
    );
    expect(cross.status).toBe(404);
    const [call] = await app.db.select().from(calls).where(eq(calls.providerCallId, callSid));
    expect(call?.status).toBe("ringing");

    const own = await app.call(
      webhooksTwilioStatus,
      asTwilio(webhooksTwilioStatus, {
        CallSid: callSid,
        AccountSid: sid("AC"),
        From: "+15557654321",
        To: b.phoneNumber,
        CallStatus: "completed",
        CallDuration: "42",
      }),
    );
    expect(own.status).toBe(200);
    const [after] = await app.db.select().from(calls).where(eq(calls.providerCallId, callSid));
    expect(after).toMatchObject({ status: "completed", durationSeconds: 42 });

    // A late "ringing" cannot rewind a finished call.
    await app.call(
      webhooksTwilioStatus,
      asTwilio(webhooksTwilioStatus, {
        CallSid: callSid,
        AccountSid: sid("AC"),
        From: "+15557654321",
        To: b.phoneNumber,
        CallStatus: "ringing",
      }),
    );
    const [late] = await app.db.select().from(calls).where(eq(calls.providerCallId, callSid));
    expect(late?.status).toBe("completed");

    const recording = sid("RE");
    const rec = await app.call(
      webhooksTwilioRecording,
      asTwilio(webhooksTwilioRecording, {
        CallSid: callSid,
        RecordingSid: recording,
        RecordingStatus: "completed",
      }),
    );
    expect(rec.status).toBe(200);
    const [recorded] = await app.db.select().from(calls).where(eq(calls.providerCallId, callSid));
    expect(recorded?.providerRecordingId).toBe(recording);
  });

  it("WH2: the runtime's transcript, tool call and hang-up land on the call; a replay is refused", async () => {
    const { callSid } = await inboundCall(a.phoneNumber);
    const [call] = await app.db.select().from(calls).where(eq(calls.providerCallId, callSid));
    const params = { callId: call?.id ?? "" };

    const segments = {
      segments: [
        { seq: 0, speaker: "agent", text: "Thanks for calling.", startMs: 0, endMs: 900 },
        { seq: 1, speaker: "caller", text: "I need a cleaning.", startMs: 1000, endMs: 2100 },
      ],
    };
    const delivery = asRuntime(segments);
    const first = await app.call(internalTranscript, { params, ...delivery });
    expect(first).toMatchObject({ status: 200, json: { added: 2 } });

    const before = await rowCounts(app.db);
    const replay = await app.call(internalTranscript, { params, ...delivery });
    expect(replay).toMatchObject({ status: 409, json: { error: { code: "REPLAYED" } } });
    expect(await rowCounts(app.db)).toEqual(before);

    // A resend under a new delivery id keeps each segment once.
    const resend = await app.call(internalTranscript, { params, ...asRuntime(segments) });
    expect(resend).toMatchObject({ status: 200, json: { added: 0 } });
    expect(
      await app.db.$count(transcriptSegments, eq(transcriptSegments.callId, params.callId)),
    ).toBe(2);

    const invocationId = randomUUID();
    const tool = await app.call(internalToolInvocation, {
      params,
      ...asRuntime({
        invocationId,
        toolName: "book_appointment",
        arguments: { patientName: "Maria Gonzalez", phone: "+1 415 555 0199", service: "cleaning" },
        status: "succeeded",
        resultSummary: "Booked Friday 10:00",
      }),
    });
    expect(tool.status).toBe(201);
    const [stored] = await app.db
      .select()
      .from(toolInvocations)
      .where(eq(toolInvocations.id, invocationId));
    const text = JSON.stringify(stored);
    expect(text).not.toContain("Maria");
    expect(text).not.toContain("555 0199");
    expect(stored?.redactedArguments).toMatchObject({ service: "cleaning" });

    const ended = await app.call(internalCallEnded, {
      params,
      ...asRuntime({
        summary: "Booked a cleaning.",
        endedAt: new Date().toISOString(),
        durationSeconds: 95,
      }),
    });
    expect(ended.status).toBe(200);
    const [done] = await app.db.select().from(calls).where(eq(calls.id, params.callId));
    expect(done).toMatchObject({
      summary: "Booked a cleaning.",
      durationSeconds: 95,
      status: "completed",
    });
  });

  it("WH2: a runtime callback for a call that does not exist answers 404 and writes nothing", async () => {
    const before = await rowCounts(app.db);
    const res = await app.call(internalCallEnded, {
      params: { callId: randomUUID() },
      ...asRuntime({ summary: "x", endedAt: new Date().toISOString() }),
    });
    expect(res.status).toBe(404);
    expect(await rowCounts(app.db)).toEqual(before);
  });
});

describe("provider events", () => {
  it("WH1: a Stripe checkout sets the org's billing once, however often it is delivered", async () => {
    const event = {
      id: `evt_${randomUUID()}`,
      type: "checkout.session.completed",
      data: {
        object: { client_reference_id: a.orgId, customer: "cus_alpha", subscription: "sub_alpha" },
      },
    };
    expect((await app.call(webhooksStripe, asStripe(event))).json).toMatchObject({
      status: "processed",
    });
    const [org] = await app.db.select().from(organizations).where(eq(organizations.id, a.orgId));
    expect(org).toMatchObject({ billingStatus: "active", stripeCustomerId: "cus_alpha" });

    const before = await rowCounts(app.db);
    const repeat = await app.call(webhooksStripe, asStripe(event));
    expect(repeat).toMatchObject({ status: 200, json: { status: "duplicate" } });
    expect(await rowCounts(app.db)).toEqual(before);

    const canceled = await app.call(
      webhooksStripe,
      asStripe({
        id: `evt_${randomUUID()}`,
        type: "customer.subscription.deleted",
        data: { object: { id: "sub_alpha", customer: "cus_alpha", status: "canceled" } },
      }),
    );
    expect(canceled.status).toBe(200);
    const [after] = await app.db.select().from(organizations).where(eq(organizations.id, a.orgId));
    expect(after?.billingStatus).toBe("canceled");
  });

  it("TN2: Square and Clover orders go to the org that owns the merchant, never another", async () => {
    await integration(a, "square", "MERCHANT_ALPHA");
    await integration(b, "clover", "CLOVERBRAVO");

    const square = {
      merchant_id: "MERCHANT_ALPHA",
      type: "order.created",
      event_id: randomUUID(),
      data: {
        type: "order_created",
        id: "SQ_ORDER_1",
        object: { order_created: { order_id: "SQ_ORDER_1", state: "OPEN" } },
      },
    };
    expect((await app.call(webhooksSquare, asSquare(webhooksSquare, square))).status).toBe(200);
    const [fromSquare] = await app.db
      .select()
      .from(orders)
      .where(eq(orders.externalId, "SQ_ORDER_1"));
    expect(fromSquare).toMatchObject({ orgId: a.orgId, source: "square", status: "pending" });

    const unknown = await app.call(
      webhooksSquare,
      asSquare(webhooksSquare, { ...square, merchant_id: "NOBODY", event_id: randomUUID() }),
    );
    expect(unknown.status).toBe(404);

    const clover = {
      appId: "APP",
      merchants: { CLOVERBRAVO: [{ objectId: "O:CLV1", type: "CREATE", ts: Date.now() }] },
    };
    expect((await app.call(webhooksClover, asClover(clover))).status).toBe(200);
    const [fromClover] = await app.db.select().from(orders).where(eq(orders.externalId, "CLV1"));
    expect(fromClover).toMatchObject({ orgId: b.orgId, source: "clover" });
  });

  it("TN2: WhatsApp template status follows the template owner; an unknown owner writes nothing", async () => {
    const templateId = randomUUID();
    await app.db.insert(whatsappTemplates).values({
      orgId: b.orgId,
      id: templateId,
      ownerId: "WABA_BRAVO",
      providerTemplateId: "9876543210",
      name: "appointment_reminder",
      language: "en_US",
      category: "UTILITY",
      body: "See you soon",
      status: "pending",
    });
    const event = (owner: string) => ({
      object: "whatsapp_business_account",
      entry: [
        {
          id: owner,
          time: 1_700_000_000,
          changes: [
            {
              field: "message_template_status_update",
              value: { event: "APPROVED", message_template_id: 9876543210, reason: "NONE" },
            },
          ],
        },
      ],
    });

    const before = await rowCounts(app.db);
    const stranger = await app.call(webhooksMeta, asMeta(event("WABA_NOBODY")));
    expect(stranger.status).toBe(404);
    expect(await rowCounts(app.db)).toEqual(before);

    expect((await app.call(webhooksMeta, asMeta(event("WABA_BRAVO")))).status).toBe(200);
    const [template] = await app.db
      .select()
      .from(whatsappTemplates)
      .where(eq(whatsappTemplates.id, templateId));
    expect(template?.status).toBe("approved");
    const [audit] = await app.db
      .select()
      .from(auditLogs)
      .where(and(eq(auditLogs.orgId, b.orgId), eq(auditLogs.targetId, templateId)));
    expect(audit).toMatchObject({
      actorKind: "system",
      action: "whatsapp_template.status",
      before: { status: "pending" },
      after: { status: "approved" },
    });
  });

  it("WH1: Meta's subscription handshake echoes the challenge only for our verify token", async () => {
    const ok = await app.call(webhooksMetaHandshake, {
      query: {
        "hub.mode": "subscribe",
        "hub.verify_token": SECRETS_FOR_TESTS.META_VERIFY_TOKEN,
        "hub.challenge": "1158201444",
      },
    });
    expect(ok).toMatchObject({ status: 200, text: "1158201444" });
    const bad = await app.call(webhooksMetaHandshake, {
      query: { "hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1" },
    });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
  });

  it("WH1: HubSpot and Google Calendar changes mark the integration once per event", async () => {
    const hubspot = await integration(a, "hubspot", "62515");
    const events = [{ eventId: 100, portalId: 62515, subscriptionType: "contact.creation" }];
    expect((await app.call(webhooksHubspot, asHubspot(webhooksHubspot, events))).status).toBe(200);
    const [marked] = await app.db.select().from(integrations).where(eq(integrations.id, hubspot));
    expect(marked?.changesPendingAt).toBeInstanceOf(Date);

    const calendar = randomUUID();
    await app.db.insert(integrations).values({
      orgId: a.orgId,
      id: calendar,
      provider: "google_calendar",
      externalAccountId: "dana@example.test",
      accessTokenCiphertext: new Uint8Array([1]),
      keyVersion: 1,
    });
    const channel = `vc-${calendar}-1`;
    const push = await app.call(webhooksGoogleCalendar, asGoogleCalendar(channel, 3));
    expect(push.status).toBe(200);
    const before = await rowCounts(app.db);
    const repeat = await app.call(webhooksGoogleCalendar, asGoogleCalendar(channel, 3));
    expect(repeat).toMatchObject({ status: 200, json: { status: "duplicate" } });
    expect(await rowCounts(app.db)).toEqual(before);
  });
});
