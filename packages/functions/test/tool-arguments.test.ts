import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internalToolInvocation, webhooksTwilioVoice } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { captureLogs } from "./logs.ts";
import { asRuntime, asTwilio, SECRETS_FOR_TESTS } from "./signing.ts";
import { TABLES } from "./tables.ts";
import { createTenant, type Tenant } from "./tenants.ts";

// TC2: raw tool arguments live only in the voice runtime's memory. After one is stored,
// with every log line captured at debug level, none of its raw values is in any table or
// any log line.

let app: TestApp;
let tenant: Tenant;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  app = await startTestApp({ ...SECRETS_FOR_TESTS, VOICE_RUNTIME_STREAM_URL: "wss://rt.test/s" });
  tenant = await createTenant(app.db, "Raw");
  logs = captureLogs();
});

afterAll(async () => {
  logs.restore();
  await app.close();
});

async function everyRow(): Promise<string> {
  const parts = TABLES.map(
    (table) =>
      sql`(select coalesce(string_agg(t::text, E'\\n'), '') from ${sql.identifier(table)} t)`,
  );
  const result = await app.db.execute<{ dump: string }>(
    sql`select concat_ws(E'\\n', ${sql.join(parts, sql`, `)}) as dump`,
  );
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    dump: string;
  }[];
  return rows[0]?.dump ?? "";
}

describe("raw tool arguments", () => {
  it("TC2: a tool call's raw values appear in no table and no log line once it is stored", async () => {
    const callSid = `CA${randomUUID().replaceAll("-", "")}`;
    const twiml = await app.call(
      webhooksTwilioVoice,
      asTwilio(webhooksTwilioVoice, {
        CallSid: callSid,
        AccountSid: `AC${"1".repeat(32)}`,
        From: "+15550001234",
        To: tenant.phoneNumber,
      }),
    );
    const callId = /name="callId" value="([0-9a-f-]{36})"/.exec(twiml.text ?? "")?.[1] ?? "";

    const raw = {
      customerName: "Henrietta Blackwood",
      phone: "+44 20 7946 0958",
      email: "h.blackwood@example.co.uk",
      dateOfBirth: "1979-11-23",
      ssn: "536-22-1234",
      payment: { cardNumber: "5555 5555 5555 4444", cvv: "737", expiry: "11/28" },
      iban: "GB33BUKB20201555555555",
      notes: "Henrietta asked us to text 07700 900123 when the order is ready.",
      items: [{ sku: "WHITEN-KIT", quantity: 2 }],
    };
    const res = await app.call(internalToolInvocation, {
      params: { callId },
      ...asRuntime({
        invocationId: randomUUID(),
        toolName: "process_order",
        arguments: raw,
        status: "succeeded",
      }),
    });
    expect(res.status).toBe(201);

    const secrets = [
      "Henrietta",
      "Blackwood",
      "7946 0958",
      "h.blackwood@example.co.uk",
      "1979-11-23",
      "536-22-1234",
      "5555 5555 5555 4444",
      "5555555555554444",
      // Short values, quoted as JSON would hold them, so a uuid's digits cannot match.
      '"737"',
      '"11/28"',
      "GB33BUKB20201555555555",
      "07700 900123",
    ];
    const stored = await everyRow();
    const logged = logs.lines.join("");
    expect(logs.lines.length).toBeGreaterThan(5);
    expect(stored).toContain("WHITEN-KIT");
    for (const value of secrets) {
      expect(stored, `table holds ${value}`).not.toContain(value);
      expect(logged, `log holds ${value}`).not.toContain(value);
    }
  });
});
