import path from "node:path";
import { openDatabase } from "@voicecraft/core/db";
import { log } from "@voicecraft/core/log";
import { loadEnv } from "../http/config.ts";

/**
 * Applies pending migrations; run by the deploy (SST `Script`, on create and on update)
 * before the API's new code goes live. Throwing fails the deploy.
 */
export async function handler(): Promise<void> {
  const env = await loadEnv();
  const url = env.secret("DATABASE_URL");
  // Without a URL, openDatabase would fall back to an empty in-memory PGlite and report
  // success having migrated nothing.
  if (!url) throw new Error("DATABASE_URL is not bound to the migration function");

  const database = await openDatabase({ url, migrationsFolder: migrationsFolder() });
  try {
    log.info({ event: "db.migrate.start" });
    await database.migrate();
    log.info({ event: "db.migrate.done" });
  } finally {
    await database.close();
  }
}

/**
 * Deployed, the migrations are copied next to the bundle (`copyFiles` in infra), because
 * the bundle no longer sits where core's default path points. Elsewhere, core's default.
 */
function migrationsFolder(): string | undefined {
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  return taskRoot ? path.join(taskRoot, "migrations") : undefined;
}
