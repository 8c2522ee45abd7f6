import { agents } from "../agent/agent.sql.ts";
import { calls, toolInvocations, transcriptSegments } from "../call/call.sql.ts";
import type { Executor } from "../db/index.ts";
import { type FormField, formSubmissions, forms } from "../form/form.sql.ts";
import { type OrderItem, orders } from "../order/order.sql.ts";
import { orgSlug } from "../org/index.ts";
import { memberships, organizations, type Role } from "../org/org.sql.ts";
import { users } from "../user/user.sql.ts";
import { createId } from "../util/id.ts";

// Row builders for the demo org that `npm start` seeds and for test fixtures. They write
// straight to the tables, bypassing the operations' checks and audit rows on purpose:
// seeding is not something an actor did.

/** Inserts an organization and returns its id. */
export async function insertOrg(db: Executor, input: { name: string; vertical?: string }) {
  const id = createId();
  await db
    .insert(organizations)
    .values({ id, name: input.name, slug: orgSlug(input.name, id), vertical: input.vertical });
  return id;
}

/** Inserts a verified user, with a password hash when given. */
export async function insertUser(
  db: Executor,
  input: { email: string; name: string; passwordHash?: string },
) {
  const id = createId();
  await db.insert(users).values({ id, ...input, emailVerifiedAt: new Date() });
  return id;
}

/** Makes `userId` a member of `orgId` with `role`. */
export async function insertMembership(db: Executor, orgId: string, userId: string, role: Role) {
  await db.insert(memberships).values({ orgId, userId, role });
}

/** Inserts an agent with the given number and returns its id. */
export async function insertAgent(
  db: Executor,
  orgId: string,
  input: { name: string; phoneNumber: string; greeting?: string; instructions?: string },
) {
  const id = createId();
  await db.insert(agents).values({ orgId, id, ...input });
  return id;
}

export interface SeedCall {
  agentId: string;
  fromNumber: string;
  toNumber: string;
  startedAt: Date;
  durationSeconds: number;
  summary: string;
  transcript: { speaker: "agent" | "caller"; text: string }[];
  /** Arguments as the redaction engine stores them: placeholders, never raw PII. */
  tools?: { toolName: string; redactedArguments: unknown; resultSummary: string }[];
}

/** Inserts a finished inbound call with its transcript and tool invocations. */
export async function insertCall(db: Executor, orgId: string, input: SeedCall) {
  const id = createId();
  const endedAt = new Date(input.startedAt.getTime() + input.durationSeconds * 1000);
  await db.insert(calls).values({
    orgId,
    id,
    agentId: input.agentId,
    providerCallId: `CA${id.replace(/-/g, "")}`,
    direction: "inbound",
    fromNumber: input.fromNumber,
    toNumber: input.toNumber,
    status: "completed",
    startedAt: input.startedAt,
    endedAt,
    durationSeconds: input.durationSeconds,
    summary: input.summary,
  });
  const step = Math.floor((input.durationSeconds * 1000) / Math.max(1, input.transcript.length));
  if (input.transcript.length > 0) {
    await db.insert(transcriptSegments).values(
      input.transcript.map((segment, seq) => ({
        orgId,
        callId: id,
        seq,
        speaker: segment.speaker,
        text: segment.text,
        startMs: seq * step,
        endMs: (seq + 1) * step,
      })),
    );
  }
  for (const tool of input.tools ?? []) {
    await db.insert(toolInvocations).values({
      orgId,
      id: createId(),
      callId: id,
      toolName: tool.toolName,
      redactedArguments: tool.redactedArguments,
      status: "succeeded",
      resultSummary: tool.resultSummary,
    });
  }
  return id;
}

/** Inserts a form and returns its id. */
export async function insertForm(
  db: Executor,
  orgId: string,
  input: { name: string; agentId?: string; fields: FormField[] },
) {
  const id = createId();
  await db.insert(forms).values({ orgId, id, ...input });
  return id;
}

/** Inserts a form submission and returns its id. */
export async function insertFormSubmission(
  db: Executor,
  orgId: string,
  input: { formId: string; callId?: string; data: Record<string, string | number | boolean> },
) {
  const id = createId();
  await db.insert(formSubmissions).values({ orgId, id, ...input });
  return id;
}

/** Inserts an order whose total is the sum of its items. */
export async function insertOrder(
  db: Executor,
  orgId: string,
  input: { agentId?: string; callId?: string; items: OrderItem[]; currency?: string },
) {
  const id = createId();
  const totalCents = input.items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
  await db.insert(orders).values({
    orgId,
    id,
    agentId: input.agentId,
    callId: input.callId,
    source: input.callId ? "call" : "manual",
    status: "confirmed",
    items: input.items,
    totalCents,
    currency: input.currency ?? "USD",
  });
  return id;
}
