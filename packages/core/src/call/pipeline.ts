import { and, eq, isNull, sql } from "drizzle-orm";
import { agents } from "../agent/agent.sql.ts";
import type { Executor } from "../db/index.ts";
import { createId } from "../util/id.ts";
import { type CALL_STATUSES, calls, toolInvocations, transcriptSegments } from "./call.sql.ts";

// The call pipeline, driven by provider and voice-runtime webhooks. None of these have a
// user session: each one first finds the tenant from something the provider sent and
// the database confirms (the called number, the provider's call id), then acts inside
// that org only (TN2).

export type CallStatus = (typeof CALL_STATUSES)[number];

/** The live agent that owns an E.164 number, or null: the tenant of an inbound call. */
export async function findAgentByNumber(db: Executor, phoneNumber: string) {
  const [agent] = await db
    .select({ orgId: agents.orgId, agentId: agents.id })
    .from(agents)
    .where(and(eq(agents.phoneNumber, phoneNumber), isNull(agents.deletedAt)));
  return agent ?? null;
}

/** A call by the provider's id, with its org: how status and recording callbacks find it. */
export async function findCallByProviderId(db: Executor, providerCallId: string) {
  const [call] = await db
    .select({
      orgId: calls.orgId,
      callId: calls.id,
      agentId: calls.agentId,
      toNumber: calls.toNumber,
    })
    .from(calls)
    .where(eq(calls.providerCallId, providerCallId));
  return call ?? null;
}

/** A call by our id, with its org: how the voice runtime's callbacks find it. */
export async function findCall(db: Executor, callId: string) {
  const [call] = await db
    .select({ orgId: calls.orgId, callId: calls.id, agentId: calls.agentId })
    .from(calls)
    .where(eq(calls.id, callId));
  return call ?? null;
}

/**
 * Records a ringing inbound call. A provider retry of the same call finds the existing
 * row (one row per provider call id) and gets the same call id back.
 */
export async function startInboundCall(
  db: Executor,
  input: {
    orgId: string;
    agentId: string;
    providerCallId: string;
    fromNumber: string;
    toNumber: string;
    startedAt: Date;
  },
): Promise<{ callId: string; created: boolean }> {
  const callId = createId();
  const inserted = await db
    .insert(calls)
    .values({ ...input, id: callId, direction: "inbound", status: "ringing" })
    .onConflictDoNothing({ target: calls.providerCallId })
    .returning({ id: calls.id });
  if (inserted[0]) return { callId: inserted[0].id, created: true };

  const existing = await findCallByProviderId(db, input.providerCallId);
  if (!existing || existing.orgId !== input.orgId) {
    throw new Error("provider call id already belongs to another org's call");
  }
  return { callId: existing.callId, created: false };
}

/** Where a status sits in a call's life; callbacks can arrive out of order. */
const STAGE: Record<CallStatus, number> = {
  queued: 0,
  ringing: 1,
  in_progress: 2,
  completed: 3,
  busy: 3,
  failed: 3,
  no_answer: 3,
  canceled: 3,
};
const FINAL = Object.entries(STAGE)
  .filter(([, stage]) => stage === 3)
  .map(([status]) => status);

/**
 * Moves a call forward to `status`. A late "ringing" after "completed" changes nothing,
 * so out-of-order callbacks cannot rewind a call.
 */
export async function updateCallStatus(
  db: Executor,
  input: {
    orgId: string;
    callId: string;
    status: CallStatus;
    durationSeconds?: number | null;
    at: Date;
  },
): Promise<boolean> {
  const final = STAGE[input.status] === 3;
  const earlier = Object.entries(STAGE)
    .filter(([, stage]) => stage < STAGE[input.status])
    .map(([status]) => status as CallStatus);
  if (earlier.length === 0) return false;
  const updated = await db
    .update(calls)
    .set({
      status: input.status,
      ...(final ? { endedAt: input.at } : {}),
      ...(input.durationSeconds != null ? { durationSeconds: input.durationSeconds } : {}),
    })
    .where(
      and(
        eq(calls.orgId, input.orgId),
        eq(calls.id, input.callId),
        sql`${calls.status} in (${sql.join(
          earlier.map((status) => sql`${status}`),
          sql`, `,
        )})`,
      ),
    )
    .returning({ id: calls.id });
  return updated.length > 0;
}

/** Stores the provider's recording reference on the call. */
export async function attachRecording(
  db: Executor,
  input: { orgId: string; callId: string; providerRecordingId: string },
): Promise<void> {
  await db
    .update(calls)
    .set({ providerRecordingId: input.providerRecordingId })
    .where(and(eq(calls.orgId, input.orgId), eq(calls.id, input.callId)));
}

export interface SegmentInput {
  seq: number;
  speaker: "agent" | "caller" | "system";
  text: string;
  startMs: number;
  endMs?: number | null | undefined;
}

/**
 * Appends transcript segments. `seq` is the key, so a segment the runtime resends is
 * kept once, as first received. Returns how many were new.
 */
export async function appendTranscript(
  db: Executor,
  call: { orgId: string; callId: string },
  segments: SegmentInput[],
): Promise<number> {
  if (segments.length === 0) return 0;
  const inserted = await db
    .insert(transcriptSegments)
    .values(
      segments.map((segment) => ({
        orgId: call.orgId,
        callId: call.callId,
        seq: segment.seq,
        speaker: segment.speaker,
        text: segment.text,
        startMs: segment.startMs,
        endMs: segment.endMs ?? null,
      })),
    )
    .onConflictDoNothing()
    .returning({ seq: transcriptSegments.seq });
  return inserted.length;
}

/**
 * Stores a tool invocation. Only arguments that went through `redactToolArguments` may
 * be passed here (TC1); the type is `unknown` because they are already placeholders.
 */
export async function recordToolInvocation(
  db: Executor,
  call: { orgId: string; callId: string },
  input: {
    invocationId: string;
    toolName: string;
    redactedArguments: unknown;
    status: "succeeded" | "failed";
    resultSummary?: string | null | undefined;
  },
): Promise<boolean> {
  const inserted = await db
    .insert(toolInvocations)
    .values({
      orgId: call.orgId,
      id: input.invocationId,
      callId: call.callId,
      toolName: input.toolName,
      redactedArguments: input.redactedArguments,
      status: input.status,
      resultSummary: input.resultSummary ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: toolInvocations.id });
  return inserted.length > 0;
}

/** Closes a call with the runtime's summary. */
export async function endCall(
  db: Executor,
  call: { orgId: string; callId: string },
  input: { summary: string; endedAt: Date; durationSeconds?: number | null | undefined },
): Promise<void> {
  await db
    .update(calls)
    .set({
      summary: input.summary,
      endedAt: input.endedAt,
      ...(input.durationSeconds != null ? { durationSeconds: input.durationSeconds } : {}),
      status: sql`case when ${calls.status} in (${sql.join(
        FINAL.map((status) => sql`${status}`),
        sql`, `,
      )}) then ${calls.status} else 'completed' end`,
    })
    .where(and(eq(calls.orgId, call.orgId), eq(calls.id, call.callId)));
}
