import type { Database } from "@voicecraft/core/db";
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

let counter = 0;

/** A unique E.164 number per call within a test file (each file has its own database). */
export function uniqueNumber(): string {
  counter += 1;
  return `+1555${String(counter).padStart(7, "0")}`;
}

/** One org with a user of each role and one of every customer resource. */
export async function createTenant(db: Database, label: string) {
  const orgId = await insertOrg(db, { name: `${label} Dental`, vertical: "dental" });
  const users = {
    owner: await insertUser(db, { email: `owner-${label}-${orgId}@example.test`, name: "Owner" }),
    admin: await insertUser(db, { email: `admin-${label}-${orgId}@example.test`, name: "Admin" }),
    member: await insertUser(db, { email: `member-${label}-${orgId}@example.test`, name: "M" }),
  };
  await insertMembership(db, orgId, users.owner, "owner");
  await insertMembership(db, orgId, users.admin, "admin");
  await insertMembership(db, orgId, users.member, "member");

  const phoneNumber = uniqueNumber();
  const agentId = await insertAgent(db, orgId, { name: `${label} Reception`, phoneNumber });
  const callId = await insertCall(db, orgId, {
    agentId,
    fromNumber: "+15550001111",
    toNumber: phoneNumber,
    startedAt: new Date("2026-11-30T15:00:00Z"),
    durationSeconds: 90,
    summary: `${label} caller booked a cleaning`,
    transcript: [
      { speaker: "agent", text: `Thanks for calling ${label} Dental.` },
      { speaker: "caller", text: "I would like a cleaning on Friday." },
    ],
    tools: [
      {
        toolName: "book_appointment",
        redactedArguments: { name: "[NAME]", service: "cleaning", time: "Friday 10:00" },
        resultSummary: "Booked",
      },
    ],
  });
  const formId = await insertForm(db, orgId, {
    name: `${label} intake`,
    agentId,
    fields: [{ key: "reason", label: "Reason", type: "text", required: true }],
  });
  const submissionId = await insertFormSubmission(db, orgId, {
    formId,
    callId,
    data: { reason: `${label} toothache` },
  });
  const orderId = await insertOrder(db, orgId, {
    agentId,
    callId,
    items: [{ name: `${label} whitening kit`, quantity: 1, unitPriceCents: 4900 }],
  });

  return { orgId, users, agentId, callId, formId, submissionId, orderId, phoneNumber, label };
}

export type Tenant = Awaited<ReturnType<typeof createTenant>>;
