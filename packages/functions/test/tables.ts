import type { Database } from "@voicecraft/core/db";
import { schema } from "@voicecraft/core/db";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";

/** Every table the schema declares. */
export const TABLES = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<
    string,
    unknown
  >[];
}

/** The row count of every table, counted, in one statement. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
  const counts = TABLES.map(
    (table) => sql`${table}::text, (select count(*) from ${sql.identifier(table)})::int`,
  );
  const [row] = rowsOf(
    await db.execute(sql`select json_build_object(${sql.join(counts, sql`, `)}) as counts`),
  );
  const counted = row?.counts;
  return (typeof counted === "string" ? JSON.parse(counted) : counted) as Record<string, number>;
}

/**
 * A digest of every row of every table (but `except`): any insert, update or delete
 * changes it.
 */
export async function digest(db: Database, except: readonly string[] = []): Promise<string> {
  const parts = TABLES.filter((table) => !except.includes(table)).map(
    (table) =>
      sql`(select coalesce(md5(string_agg(t::text, ',' order by t::text)), '') from ${sql.identifier(table)} t)`,
  );
  const [row] = rowsOf(
    await db.execute(sql`select concat_ws('|', ${sql.join(parts, sql`, `)}) as digest`),
  );
  return String(row?.digest ?? "");
}
