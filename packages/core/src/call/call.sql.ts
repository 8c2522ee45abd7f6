import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agents } from "../agent/agent.sql.ts";
import { organizations } from "../org/org.sql.ts";
import { createdAt, orgId } from "../util/sql.ts";

export const CALL_STATUSES = [
  "queued",
  "ringing",
  "in_progress",
  "completed",
  "busy",
  "failed",
  "no_answer",
  "canceled",
] as const;
export const callStatusEnum = pgEnum("call_status", CALL_STATUSES);
export const callDirectionEnum = pgEnum("call_direction", ["inbound", "outbound"]);

export const calls = pgTable(
  "calls",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    agentId: uuid("agent_id").notNull(),
    /** The telephony provider's id (Twilio CallSid); one call row per provider call. */
    providerCallId: text("provider_call_id").notNull(),
    direction: callDirectionEnum("direction").notNull(),
    fromNumber: text("from_number").notNull(),
    toNumber: text("to_number").notNull(),
    status: callStatusEnum("status").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    durationSeconds: integer("duration_seconds"),
    summary: text("summary"),
    /** Object key under `recordings/<agentId>/`; the bytes live in the recordings bucket. */
    recordingKey: text("recording_key"),
    /**
     * The telephony provider's reference to its copy of the recording (Twilio's
     * RecordingSid); copying the bytes into R2 under `recordingKey` is a separate job.
     */
    providerRecordingId: text("provider_recording_id"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // The composite key makes it impossible for a call to point at another org's agent.
    foreignKey({ columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }),
    uniqueIndex("calls_provider_call_id_key").on(t.providerCallId),
    index("calls_org_agent_idx").on(t.orgId, t.agentId, t.id),
  ],
);

export const speakerEnum = pgEnum("transcript_speaker", ["agent", "caller", "system"]);

export const transcriptSegments = pgTable(
  "transcript_segments",
  {
    orgId: orgId(),
    callId: uuid("call_id").notNull(),
    /** Position in the call, from the runtime; also the idempotency key for a resent segment. */
    seq: integer("seq").notNull(),
    speaker: speakerEnum("speaker").notNull(),
    text: text("text").notNull(),
    startMs: integer("start_ms").notNull(),
    endMs: integer("end_ms"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.callId, t.seq] }),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }),
    check("transcript_segments_seq_nonnegative", sql`${t.seq} >= 0`),
  ],
);

export const toolInvocationStatusEnum = pgEnum("tool_invocation_status", ["succeeded", "failed"]);

/**
 * What a tool did during a call. Only redacted arguments have a column (TC1, TC2):
 * there is nowhere for raw arguments to go.
 */
export const toolInvocations = pgTable(
  "tool_invocations",
  {
    orgId: orgId(),
    id: uuid("id").notNull(),
    callId: uuid("call_id").notNull(),
    toolName: text("tool_name").notNull(),
    redactedArguments: jsonb("redacted_arguments").notNull(),
    status: toolInvocationStatusEnum("status").notNull(),
    resultSummary: text("result_summary"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }),
    index("tool_invocations_org_call_idx").on(t.orgId, t.callId),
  ],
);
