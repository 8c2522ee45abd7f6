import { fileURLToPath } from "node:url";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { Logger as DrizzleLogger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { log } from "../log/index.ts";
import * as schema from "./schema.ts";

export { schema };
export type Schema = typeof schema;

/** The query builder, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Schema,
  ExtractTablesWithRelations<Schema>
>;
/** Anything that can run a query: the database or an open transaction. */
export type Executor = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  driver: "postgres" | "pglite";
  /** Applies every pending migration; safe to call on an up-to-date database. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A `postgres://` URL. Without one, an embedded PGlite database is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; omitted, PGlite runs in memory. */
  dataDir?: string | undefined;
  /** Connections per process. A Lambda serves one request at a time, so one is plenty. */
  maxConnections?: number;
  /** Where the SQL migrations are; defaults to this package's `migrations/`. */
  migrationsFolder?: string;
}

const defaultMigrationsFolder = fileURLToPath(new URL("../../migrations", import.meta.url));

/**
 * Drizzle's default logger prints bound parameters, which hold emails, phone numbers
 * and tokens. This one records the statement's shape and how many parameters it had.
 */
const queryLogger: DrizzleLogger = {
  logQuery(query, params) {
    log.debug({ event: "db.query", sql: query, params: params.length });
  },
};

/** Opens the database named by `options.url`, or an embedded one. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;
  if (options.url) {
    const client = postgres(options.url, {
      max: options.maxConnections ?? 1,
      onnotice: () => {},
      connection: { application_name: "voicecraft" },
    });
    const db = drizzlePostgres({ client, schema, logger: queryLogger }) as unknown as Database;
    return {
      db,
      driver: "postgres",
      migrate: () => migratePostgres(db as never, { migrationsFolder }),
      close: () => client.end({ timeout: 5 }),
    };
  }

  // Loaded only when no URL is given: deployed functions always have one, and their
  // bundles mark PGlite external so its WebAssembly never ships to Lambda.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, schema, logger: queryLogger }) as unknown as Database;
  return {
    db,
    driver: "pglite",
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    close: () => client.close(),
  };
}
