import { sql } from "drizzle-orm";
import { createHandler } from "../http/handler.ts";
import { useStorage } from "../http/storage.ts";
import { healthGet } from "../routes.ts";

/**
 * Database and storage status for monitors and for `curl localhost:3000/api/health`.
 * 503 when either is down. Failures are reported as codes: a health check is public and
 * must not describe the infrastructure behind it.
 */
export const handler = createHandler(healthGet, async ({ db, runtime, log }) => {
  const storage = useStorage(runtime);
  const [database, objects] = await Promise.all([
    (async () => {
      const started = performance.now();
      try {
        await db.execute(sql`select 1`);
        return { ok: true as const, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        log.error({ event: "health.database_failed", err: error });
        return { ok: false as const, error: "DATABASE_UNAVAILABLE" };
      }
    })(),
    storage ? storage.check() : { ok: false as const, error: "STORAGE_NOT_CONFIGURED" },
  ]);
  const healthy = database.ok && objects.ok;
  return {
    status: healthy ? 200 : 503,
    body: { status: healthy ? "ok" : "degraded", database, storage: objects },
  };
});
