import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { signInternalWebhook } from "@voicecraft/core/webhooks/standard";
import { twilioSignature } from "@voicecraft/core/webhooks/twilio";
import { localSecrets } from "./secrets.ts";
import { DEMO_PASSWORD, FRONT_DESK } from "./seed.ts";

// `npm run simulate:call`: plays one whole call through a running `npm start`, signed
// exactly as Twilio and the voice runtime sign their requests, so every byte goes
// through the same verification, scoping and redaction as in production.

export interface SimulatedCall {
  callId: string;
  /** Raw PII the caller gave that must not appear in what VoiceCraft stored. */
  pii: string[];
}

const CALLER = {
  name: "Maria Gonzalez",
  phone: "+1 (415) 555-0199",
  e164: "+14155550199",
  email: "maria.gonzalez@example.com",
  dob: "1987-04-12",
  card: "4242 4242 4242 4242",
  cvv: "314",
  expiry: "09/29",
};

/** Runs the call against `baseUrl` (the gateway, e.g. http://localhost:3000). */
export async function simulateCall(
  baseUrl: string,
  secrets: Record<string, string>,
  say: (line: string) => void = () => {},
): Promise<SimulatedCall> {
  const api = `${baseUrl.replace(/\/+$/, "")}/api`;
  const authToken = secrets.TWILIO_AUTH_TOKEN ?? "";
  const apiKey = secrets.VOICECRAFT_API_KEY ?? "";
  const callSid = `CA${randomUUID().replaceAll("-", "")}`;
  const base = {
    CallSid: callSid,
    AccountSid: `AC${"0".repeat(32)}`,
    From: CALLER.e164,
    To: FRONT_DESK,
  };

  const twilio = async (path: string, form: Record<string, string>) => {
    const url = `${api}${path}`;
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilioSignature(authToken, url, form),
      },
      body: new URLSearchParams(form),
    });
    if (!res.ok) throw new Error(`Twilio ${path} answered ${res.status}: ${await res.text()}`);
    return res.text();
  };

  const runtime = async (path: string, payload: unknown) => {
    const body = JSON.stringify(payload);
    const headers = signInternalWebhook({
      secret: apiKey,
      id: `msg_${randomUUID()}`,
      timestamp: new Date(),
      body,
    });
    const res = await fetch(`${api}${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body,
    });
    if (!res.ok) throw new Error(`runtime ${path} answered ${res.status}: ${await res.text()}`);
  };

  say(`ringing ${FRONT_DESK} from ${CALLER.e164}`);
  const twiml = await twilio("/webhooks/twilio/voice", {
    ...base,
    CallStatus: "ringing",
    Direction: "inbound",
  });
  const callId = /<Parameter name="callId" value="([0-9a-f-]{36})"\/>/.exec(twiml)?.[1];
  if (!callId) throw new Error(`the voice webhook answered no call id: ${twiml}`);
  say(`call ${callId} connected to the media stream`);
  await twilio("/webhooks/twilio/status", { ...base, CallStatus: "in-progress" });

  const lines: [speaker: "agent" | "caller", text: string][] = [
    ["agent", "Thank you for calling Bright Smile Dental, this is Ava. How can I help?"],
    ["caller", "Hi, I'd like to book a cleaning, and order a whitening kit."],
    ["agent", "Of course. Can I have your name and date of birth?"],
    ["caller", "It's Maria Gonzalez, born April 12th, 1987."],
    ["agent", "Thanks. Thursday at 3 pm is open. Shall I book it?"],
    ["caller", "Yes please. And I'll pay for the kit by card."],
    ["agent", "You're booked for Thursday at 3 pm, and the kit is ready for pickup."],
  ];
  let at = 0;
  for (const [seq, [speaker, text]] of lines.entries()) {
    const length = 1_500 + text.length * 40;
    await runtime(`/internal/calls/${callId}/transcript`, {
      segments: [{ seq, speaker, text, startMs: at, endMs: at + length }],
    });
    at += length + 300;
  }
  say(`${lines.length} transcript segments sent`);

  await runtime(`/internal/calls/${callId}/tool-invocations`, {
    invocationId: randomUUID(),
    toolName: "book_appointment",
    arguments: {
      patientName: CALLER.name,
      phone: CALLER.phone,
      dateOfBirth: CALLER.dob,
      email: CALLER.email,
      service: "cleaning",
      start: "Thursday 15:00",
      notes: `New patient ${CALLER.name}, call back on ${CALLER.phone} if the slot moves.`,
    },
    status: "succeeded",
    resultSummary: "Booked: cleaning, Thursday 15:00",
  });
  await runtime(`/internal/calls/${callId}/tool-invocations`, {
    invocationId: randomUUID(),
    toolName: "process_order",
    arguments: {
      customer: { name: CALLER.name, phone: CALLER.phone },
      items: [{ sku: "WHITEN-KIT", name: "Take-home whitening kit", quantity: 1 }],
      payment: { cardNumber: CALLER.card, cvv: CALLER.cvv, expiry: CALLER.expiry },
      pickup: "tomorrow",
    },
    status: "succeeded",
    resultSummary: "Order placed, pickup tomorrow",
  });
  say("book_appointment and process_order sent, with the caller's PII in their arguments");

  const seconds = Math.round(at / 1000);
  await twilio("/webhooks/twilio/status", {
    ...base,
    CallStatus: "completed",
    CallDuration: String(seconds),
  });
  await runtime(`/internal/calls/${callId}/end`, {
    summary: "Booked a cleaning for Thursday 3 pm and ordered a whitening kit for pickup.",
    endedAt: new Date().toISOString(),
    durationSeconds: seconds,
  });
  say(`call ended after ${seconds} s`);

  return {
    callId,
    pii: [
      CALLER.name,
      "Gonzalez",
      CALLER.phone,
      CALLER.e164,
      "555-0199",
      CALLER.email,
      CALLER.dob,
      CALLER.card,
      "4242424242424242",
      CALLER.cvv,
      CALLER.expiry,
    ],
  };
}

/** A call as the dashboard reads it. */
export interface CallAsShown {
  status: string;
  summary: string | null;
  transcript: { seq: number; text: string }[];
  toolInvocations: { toolName: string; redactedArguments: unknown }[];
}

/**
 * Reads the call back as a signed-in demo admin would see it in the dashboard, and the
 * raw PII values found in its stored tool arguments (none, when redaction works).
 */
export async function readBack(
  baseUrl: string,
  call: SimulatedCall,
): Promise<{ shown: CallAsShown; leaks: string[] }> {
  const api = `${baseUrl.replace(/\/+$/, "")}/api`;
  const signIn = await fetch(`${api}/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: baseUrl.replace(/\/+$/, "") },
    body: JSON.stringify({ email: "admin@brightsmile.example", password: DEMO_PASSWORD }),
  });
  if (!signIn.ok) throw new Error(`demo sign-in answered ${signIn.status}`);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { memberships } = (await signIn.json()) as { memberships: { orgId: string }[] };
  const orgId = memberships[0]?.orgId;
  const res = await fetch(`${api}/orgs/${orgId}/calls/${call.callId}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`reading the call answered ${res.status}`);
  const shown = (await res.json()) as CallAsShown;
  const stored = JSON.stringify(shown.toolInvocations);
  return { shown, leaks: call.pii.filter((value) => stored.includes(value)) };
}

async function main() {
  assertNodeMajor();
  const root = fileURLToPath(new URL("../../../../", import.meta.url));
  const dataDir = process.env.VOICECRAFT_DATA_DIR ?? join(root, ".data");
  const baseUrl = process.env.VOICECRAFT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const say = (line: string) => process.stdout.write(`  ${line}\n`);

  process.stdout.write(`Simulating a call against ${baseUrl}\n`);
  const call = await simulateCall(baseUrl, await localSecrets(dataDir), say);
  const { leaks } = await readBack(baseUrl, call);
  if (leaks.length > 0) throw new Error(`stored tool arguments still hold: ${leaks.join(", ")}`);
  say("stored tool arguments hold none of the caller's PII");
  process.stdout.write(`Open ${baseUrl}/app/calls/ (signed in as a demo user) to watch it.\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
