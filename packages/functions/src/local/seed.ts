import { argon2idHasher, type PasswordHasher } from "@voicecraft/core/auth";
import type { Database } from "@voicecraft/core/db";
import { organizations, users as usersTable } from "@voicecraft/core/db/schema";
import {
  insertAgent,
  insertCall,
  insertForm,
  insertFormSubmission,
  insertMembership,
  insertOrder,
  insertOrg,
  insertUser,
} from "@voicecraft/core/seed";
import { eq, inArray } from "drizzle-orm";

export const DEMO_ORG_NAME = "Bright Smile Dental";

export interface DemoOrg {
  orgId: string;
  users: Record<"owner" | "admin" | "member", { id: string; email: string }>;
  created: boolean;
}

const DEMO_USERS = {
  owner: { email: "owner@brightsmile.example", name: "Dana Whitfield" },
  admin: { email: "admin@brightsmile.example", name: "Marcus Lee" },
  member: { email: "frontdesk@brightsmile.example", name: "Priya Nair" },
} as const;

/** The demo agent's number; `npm run simulate:call` calls it. */
export const FRONT_DESK = "+15550100100";

/**
 * The demo users' password, printed by `npm start`. The demo org exists only on the
 * local stage; nothing seeds it anywhere else.
 */
export const DEMO_PASSWORD = "bright smile demo passphrase";

/**
 * Seeds the demo dental clinic once: a user of each role, a reception agent, calls with
 * transcripts and (already redacted) tool calls, intake form submissions and orders.
 * Run again, it finds the org and changes nothing.
 */
export async function seedDemoOrg(
  db: Database,
  hasher: PasswordHasher = argon2idHasher(),
  now = new Date(),
): Promise<DemoOrg> {
  const [existing] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.name, DEMO_ORG_NAME));
  if (existing) return { orgId: existing.id, users: await demoUsers(db), created: false };

  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    const orgId = await insertOrg(tx, { name: DEMO_ORG_NAME, vertical: "dental" });
    const users = {} as DemoOrg["users"];
    for (const role of ["owner", "admin", "member"] as const) {
      const spec = DEMO_USERS[role];
      const id = await insertUser(tx, { ...spec, passwordHash });
      await insertMembership(tx, orgId, id, role);
      users[role] = { id, email: spec.email };
    }

    const agentId = await insertAgent(tx, orgId, {
      name: "Front desk",
      phoneNumber: FRONT_DESK,
      greeting: "Thank you for calling Bright Smile Dental, this is Ava. How can I help?",
      instructions: "Book, move and cancel appointments; answer questions about hours.",
    });
    const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

    const booking = await insertCall(tx, orgId, {
      agentId,
      fromNumber: "+15550142231",
      toNumber: FRONT_DESK,
      startedAt: minutesAgo(42),
      durationSeconds: 148,
      summary: "New patient booked a cleaning for Friday at 10:00.",
      transcript: [
        { speaker: "agent", text: "Thank you for calling Bright Smile Dental, this is Ava." },
        { speaker: "caller", text: "Hi, I'd like to book a cleaning. I'm a new patient." },
        { speaker: "agent", text: "Happy to help. Does Friday at 10 in the morning work?" },
        { speaker: "caller", text: "Friday at 10 is perfect." },
        { speaker: "agent", text: "You're booked for a cleaning on Friday at 10:00." },
      ],
      tools: [
        {
          toolName: "book_appointment",
          redactedArguments: {
            patientName: "[NAME]",
            phone: "[PHONE]",
            service: "cleaning",
            start: "Friday 10:00",
            newPatient: true,
          },
          resultSummary: "Booked: cleaning, Friday 10:00",
        },
        {
          toolName: "send_sms",
          redactedArguments: { to: "[PHONE]", body: "See you Friday at 10:00, [NAME]!" },
          resultSummary: "Confirmation text sent",
        },
      ],
    });
    await insertCall(tx, orgId, {
      agentId,
      fromNumber: "+15550178812",
      toNumber: FRONT_DESK,
      startedAt: minutesAgo(180),
      durationSeconds: 64,
      summary: "Caller asked about Saturday opening hours.",
      transcript: [
        { speaker: "caller", text: "Are you open on Saturdays?" },
        { speaker: "agent", text: "Yes, Saturdays from 9 to 1." },
        { speaker: "caller", text: "Great, thanks." },
      ],
    });
    const orderCall = await insertCall(tx, orgId, {
      agentId,
      fromNumber: "+15550190044",
      toNumber: FRONT_DESK,
      startedAt: minutesAgo(1_440),
      durationSeconds: 201,
      summary: "Existing patient ordered a whitening kit and brush heads for pickup.",
      transcript: [
        { speaker: "caller", text: "Can I order the take-home whitening kit?" },
        { speaker: "agent", text: "Of course. Anything else, like replacement brush heads?" },
        { speaker: "caller", text: "Yes, one pack of brush heads." },
        { speaker: "agent", text: "Your order is ready for pickup tomorrow." },
      ],
      tools: [
        {
          toolName: "process_order",
          redactedArguments: {
            customer: "[NAME]",
            card: "[CARD]",
            items: [
              { sku: "WHITEN-KIT", quantity: 1 },
              { sku: "BRUSH-HEADS-4", quantity: 1 },
            ],
            pickup: "tomorrow",
          },
          resultSummary: "Order placed, pickup tomorrow",
        },
      ],
    });

    const intake = await insertForm(tx, orgId, {
      name: "New patient intake",
      agentId,
      fields: [
        { key: "reason", label: "Reason for visit", type: "text", required: true },
        { key: "insured", label: "Has dental insurance", type: "choice", required: true },
        { key: "preferredTime", label: "Preferred time", type: "text", required: false },
      ],
    });
    await insertFormSubmission(tx, orgId, {
      formId: intake,
      callId: booking,
      data: { reason: "Routine cleaning", insured: "yes", preferredTime: "Mornings" },
    });
    await insertFormSubmission(tx, orgId, {
      formId: intake,
      data: { reason: "Chipped tooth", insured: "no", preferredTime: "After 4pm" },
    });

    await insertOrder(tx, orgId, {
      agentId,
      callId: orderCall,
      items: [
        { name: "Take-home whitening kit", quantity: 1, unitPriceCents: 8900 },
        { name: "Brush heads (4 pack)", quantity: 1, unitPriceCents: 1999 },
      ],
    });
    await insertOrder(tx, orgId, {
      agentId,
      items: [{ name: "Night guard fitting", quantity: 1, unitPriceCents: 25000 }],
    });

    return { orgId, users, created: true };
  });
}

async function demoUsers(db: Database): Promise<DemoOrg["users"]> {
  const emails = Object.values(DEMO_USERS).map((user) => user.email);
  const rows = await db
    .select({ id: usersTable.id, email: usersTable.email })
    .from(usersTable)
    .where(inArray(usersTable.email, emails));
  const byEmail = new Map(rows.map((row) => [row.email, row.id]));
  const pick = (role: keyof typeof DEMO_USERS) => {
    const email = DEMO_USERS[role].email;
    const id = byEmail.get(email);
    if (!id) throw new Error(`demo user ${email} is missing`);
    return { id, email };
  };
  return { owner: pick("owner"), admin: pick("admin"), member: pick("member") };
}
