import { openDatabase } from "@voicecraft/core/db";
import { log } from "@voicecraft/core/log";
import { pruneExpired } from "@voicecraft/core/maintenance";
import { loadEnv } from "../http/config.ts";

/**
 * Daily: removes expired sessions, sign-in flows, codes, reset tokens and rate-limit
 * windows. Progress is logged per batch; a run cut short is finished by the next one.
 */
export async function handler(): Promise<void> {
  const env = await loadEnv();
  const url = env.secret("DATABASE_URL");
  if (!url) throw new Error("DATABASE_URL is not bound to the prune function");
  const database = await openDatabase({ url });
  try {
    const totals = await pruneExpired(database.db, {
      now: new Date(),
      onProgress: (progress) => log.info({ event: "prune.batch", ...progress }),
    });
    log.info({ event: "prune.done", totals });
  } finally {
    await database.close();
  }
}
