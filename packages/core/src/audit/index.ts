import type { OrgActor } from "../actor/index.ts";
import type { Executor } from "../db/index.ts";
import { createId } from "../util/id.ts";
import { auditLogs } from "./audit.sql.ts";

/** One AuditLog entry (AD2), written in the caller's transaction. */
export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Records what an org actor did. Pass the transaction that made the change, so the
 * change and its audit row commit or roll back together.
 */
export async function recordAudit(db: Executor, actor: OrgActor, entry: AuditEntry) {
  await insertAudit(db, actor.orgId, { kind: "user", userId: actor.userId }, entry);
}

export { type AuthEventInput, type RequestOrigin, recordAuthEvent } from "./events.ts";

/**
 * Records what the system did on an org's behalf (a provider webhook, a job): the actor
 * is `system`, with the provider named in `reason`.
 */
export async function recordSystemAudit(db: Executor, orgId: string, entry: AuditEntry) {
  await insertAudit(db, orgId, { kind: "system", userId: null }, entry);
}

async function insertAudit(
  db: Executor,
  orgId: string,
  actor: { kind: "user" | "system"; userId: string | null },
  entry: AuditEntry,
) {
  await db.insert(auditLogs).values({
    id: createId(),
    orgId,
    actorUserId: actor.userId,
    actorKind: actor.kind,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    reason: entry.reason ?? null,
  });
}
