import { and, desc, eq, isNull } from "drizzle-orm";
import { type infer as Infer, object, string } from "zod";
import type { OrgContext } from "../actor/index.ts";
import { recordAudit } from "../audit/index.ts";
import type { Executor } from "../db/index.ts";
import { isUniqueViolation } from "../util/db-errors.ts";
import { NotFoundError, VisibleError } from "../util/errors.ts";
import { createId } from "../util/id.ts";
import { afterCursor, type Page, type PageQuery, toPage } from "../util/page.ts";
import { agents } from "./agent.sql.ts";

export { agents };

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const PhoneNumber = string().regex(/^\+[1-9]\d{6,14}$/, "Expected an E.164 number");

export const AgentCreate = object({
  name: string().trim().min(1).max(100),
  phoneNumber: PhoneNumber,
  language: string().trim().min(2).max(35).default("en-US"),
  voice: string().trim().min(1).max(50).default("alloy"),
  greeting: string().max(1_000).default(""),
  instructions: string().max(20_000).default(""),
}).strict();
export type AgentCreate = Infer<typeof AgentCreate>;

export const AgentUpdate = object({
  name: string().trim().min(1).max(100),
  phoneNumber: PhoneNumber,
  language: string().trim().min(2).max(35),
  voice: string().trim().min(1).max(50),
  greeting: string().max(1_000),
  instructions: string().max(20_000),
})
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, "Nothing to update");
export type AgentUpdate = Infer<typeof AgentUpdate>;

export type Agent = Omit<typeof agents.$inferSelect, "deletedAt">;

const columns = {
  id: agents.id,
  orgId: agents.orgId,
  name: agents.name,
  phoneNumber: agents.phoneNumber,
  language: agents.language,
  voice: agents.voice,
  greeting: agents.greeting,
  instructions: agents.instructions,
  createdAt: agents.createdAt,
  updatedAt: agents.updatedAt,
};

const live = (ctx: OrgContext) => and(eq(agents.orgId, ctx.actor.orgId), isNull(agents.deletedAt));

/** The org's agents, newest first. */
export async function listAgents(ctx: OrgContext, page: PageQuery): Promise<Page<Agent>> {
  const rows = await ctx.db
    .select(columns)
    .from(agents)
    .where(and(live(ctx), afterCursor(agents.id, page.cursor)))
    .orderBy(desc(agents.id))
    .limit(page.limit + 1);
  return toPage(rows, page.limit);
}

/** One agent of the org; AGENT_NOT_FOUND for a tombstone or another org's agent. */
export async function getAgent(ctx: OrgContext, agentId: string): Promise<Agent> {
  const [row] = await ctx.db
    .select(columns)
    .from(agents)
    .where(and(live(ctx), eq(agents.id, agentId)));
  if (!row) throw new NotFoundError("AGENT_NOT_FOUND", "No such agent.");
  return row;
}

/** Creates an agent; PHONE_NUMBER_TAKEN when another live agent has the number. */
export async function createAgent(ctx: OrgContext, input: AgentCreate): Promise<Agent> {
  return numberTakenOnRace(ctx, async (tx) => {
    await assertNumberFree(tx, input.phoneNumber);
    const [row] = await tx
      .insert(agents)
      .values({ ...input, id: createId(), orgId: ctx.actor.orgId })
      .returning(columns);
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, ctx.actor, {
      action: "agent.create",
      targetType: "agent",
      targetId: row.id,
      after: row,
    });
    return row;
  });
}

/** Changes some fields of an agent and records before and after. */
export async function updateAgent(
  ctx: OrgContext,
  agentId: string,
  patch: AgentUpdate,
): Promise<Agent> {
  return numberTakenOnRace(ctx, async (tx) => {
    const before = await getAgent({ ...ctx, db: tx }, agentId);
    if (patch.phoneNumber && patch.phoneNumber !== before.phoneNumber) {
      await assertNumberFree(tx, patch.phoneNumber);
    }
    const [after] = await tx
      .update(agents)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(live(ctx), eq(agents.id, agentId)))
      .returning(columns);
    if (!after) throw new NotFoundError("AGENT_NOT_FOUND", "No such agent.");
    await recordAudit(tx, ctx.actor, {
      action: "agent.update",
      targetType: "agent",
      targetId: agentId,
      before,
      after,
    });
    return after;
  });
}

/**
 * Tombstones an agent: it disappears from every read and releases its phone number,
 * while the row (and its calls) stay for audit until a purge.
 */
export async function deleteAgent(ctx: OrgContext, agentId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await getAgent({ ...ctx, db: tx }, agentId);
    await tx
      .update(agents)
      .set({ deletedAt: new Date() })
      .where(and(live(ctx), eq(agents.id, agentId)));
    await recordAudit(tx, ctx.actor, {
      action: "agent.delete",
      targetType: "agent",
      targetId: agentId,
      before,
    });
  });
}

const numberTaken = () =>
  new VisibleError("conflict", "PHONE_NUMBER_TAKEN", "That phone number is in use.");

/**
 * Runs `work` in a transaction, turning a lost race for a phone number (two requests
 * passing the check at once; the unique index refuses the second) into the same
 * conflict the check gives.
 */
async function numberTakenOnRace<T>(ctx: OrgContext, work: (tx: Executor) => Promise<T>) {
  try {
    return await ctx.db.transaction((tx) => work(tx));
  } catch (error) {
    if (isUniqueViolation(error, "agents_phone_number_key")) throw numberTaken();
    throw error;
  }
}

async function assertNumberFree(db: Executor, phoneNumber: string) {
  // Phone numbers route calls across tenants (TN2), so uniqueness is platform-wide. The
  // answer says only that the number is taken, never by whom. The unique index is the
  // real guard under concurrency; this check gives the common case a clear error.
  const [taken] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.phoneNumber, phoneNumber), isNull(agents.deletedAt)));
  if (taken) throw numberTaken();
}
