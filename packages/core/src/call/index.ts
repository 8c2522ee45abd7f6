import { and, asc, desc, eq } from "drizzle-orm";
import type { OrgContext } from "../actor/index.ts";
import { NotFoundError } from "../util/errors.ts";
import { afterCursor, type Page, type PageQuery, toPage } from "../util/page.ts";
import { calls, toolInvocations, transcriptSegments } from "./call.sql.ts";

export { calls, toolInvocations, transcriptSegments };

const columns = {
  id: calls.id,
  agentId: calls.agentId,
  direction: calls.direction,
  fromNumber: calls.fromNumber,
  toNumber: calls.toNumber,
  status: calls.status,
  startedAt: calls.startedAt,
  endedAt: calls.endedAt,
  durationSeconds: calls.durationSeconds,
  summary: calls.summary,
};

export type CallSummary = {
  [K in keyof typeof columns]: (typeof calls.$inferSelect)[K];
};

export interface TranscriptSegment {
  seq: number;
  speaker: "agent" | "caller" | "system";
  text: string;
  startMs: number;
  endMs: number | null;
}

export interface ToolInvocation {
  id: string;
  toolName: string;
  /** Already redacted when stored (TC1); raw arguments never reach the database. */
  redactedArguments: unknown;
  status: "succeeded" | "failed";
  resultSummary: string | null;
  createdAt: Date;
}

export interface CallDetail extends CallSummary {
  transcript: TranscriptSegment[];
  toolInvocations: ToolInvocation[];
}

/** The org's calls, newest first, optionally for one agent. */
export async function listCalls(
  ctx: OrgContext,
  query: PageQuery & { agentId?: string | undefined },
): Promise<Page<CallSummary>> {
  const rows = await ctx.db
    .select(columns)
    .from(calls)
    .where(
      and(
        eq(calls.orgId, ctx.actor.orgId),
        query.agentId ? eq(calls.agentId, query.agentId) : undefined,
        afterCursor(calls.id, query.cursor),
      ),
    )
    .orderBy(desc(calls.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}

/** One call with its transcript in order and the tool calls made during it. */
export async function getCall(ctx: OrgContext, callId: string): Promise<CallDetail> {
  const orgId = ctx.actor.orgId;
  const [call] = await ctx.db
    .select(columns)
    .from(calls)
    .where(and(eq(calls.orgId, orgId), eq(calls.id, callId)));
  if (!call) throw new NotFoundError("CALL_NOT_FOUND", "No such call.");

  const [transcript, tools] = await Promise.all([
    ctx.db
      .select({
        seq: transcriptSegments.seq,
        speaker: transcriptSegments.speaker,
        text: transcriptSegments.text,
        startMs: transcriptSegments.startMs,
        endMs: transcriptSegments.endMs,
      })
      .from(transcriptSegments)
      .where(and(eq(transcriptSegments.orgId, orgId), eq(transcriptSegments.callId, callId)))
      .orderBy(asc(transcriptSegments.seq)),
    ctx.db
      .select({
        id: toolInvocations.id,
        toolName: toolInvocations.toolName,
        redactedArguments: toolInvocations.redactedArguments,
        status: toolInvocations.status,
        resultSummary: toolInvocations.resultSummary,
        createdAt: toolInvocations.createdAt,
      })
      .from(toolInvocations)
      .where(and(eq(toolInvocations.orgId, orgId), eq(toolInvocations.callId, callId)))
      .orderBy(asc(toolInvocations.id)),
  ]);
  return { ...call, transcript, toolInvocations: tools };
}
export * from "./pipeline.ts";
