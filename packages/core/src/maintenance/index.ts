import { type SQL, sql } from "drizzle-orm";
import type { Executor } from "../db/index.ts";

/** Rows that only matter while they can still be used, and how long to keep them after. */
const TARGETS: { table: string; key: string; expired: (now: Date) => SQL }[] = [
  { table: "rate_limit_buckets", key: "key", expired: (now) => sql`expire <= ${iso(now)}` },
  { table: "oauth_flows", key: "id", expired: (now) => sql`expires_at <= ${iso(days(now, -1))}` },
  {
    table: "email_verifications",
    key: "id",
    expired: (now) => sql`expires_at <= ${iso(days(now, -1))}`,
  },
  {
    table: "password_resets",
    key: "id",
    expired: (now) => sql`expires_at <= ${iso(days(now, -1))}`,
  },
  // Sessions stay 30 days past their end; who signed in, and when, lives on in auth_events.
  {
    table: "sessions",
    key: "id",
    expired: (now) =>
      sql`expires_at <= ${iso(days(now, -30))} or revoked_at <= ${iso(days(now, -30))}`,
  },
];

const days = (now: Date, n: number) => new Date(now.getTime() + n * 86_400_000);
const iso = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export interface PruneProgress {
  table: string;
  deleted: number;
}

/**
 * Deletes expired sign-in and rate-limit rows in batches, reporting each batch. Each
 * batch is its own statement, so an interrupted run loses nothing and the next run
 * simply continues. AuthEvent and AuditLog are never touched (AD3).
 */
export async function pruneExpired(
  db: Executor,
  options: { now: Date; batchSize?: number; onProgress?: (progress: PruneProgress) => void },
): Promise<Record<string, number>> {
  const batchSize = options.batchSize ?? 5_000;
  const totals: Record<string, number> = {};
  for (const target of TARGETS) {
    totals[target.table] = 0;
    const table = sql.identifier(target.table);
    const key = sql.identifier(target.key);
    for (;;) {
      const deleted = await db.execute(sql`
        delete from ${table} where ${key} in (
          select ${key} from ${table} where ${target.expired(options.now)} limit ${batchSize}
        ) returning ${key}`);
      const count = rowCount(deleted);
      totals[target.table] = (totals[target.table] ?? 0) + count;
      options.onProgress?.({ table: target.table, deleted: count });
      if (count < batchSize) break;
    }
  }
  return totals;
}

function rowCount(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  const rows = (result as { rows?: unknown[] }).rows;
  return rows?.length ?? 0;
}
