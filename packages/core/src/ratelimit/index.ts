import { sql } from "drizzle-orm";
import type { Executor } from "../db/index.ts";
import { rateLimitBuckets } from "./ratelimit.sql.ts";

export { rateLimitBuckets };

/** The answer of one `consume`. */
export interface RateLimitResult {
  allowed: boolean;
  /** Points used in the current window, this one included. */
  consumed: number;
  /** Seconds until the window resets; what `Retry-After` says. */
  retryAfterSeconds: number;
}

/**
 * Spends one point of `key`'s fixed window and says whether it was within `points`.
 *
 * One INSERT … ON CONFLICT DO UPDATE … RETURNING increments and reads the counter, so
 * concurrent requests serialize on the row and each sees its own count: a burst of 50
 * admits exactly `points` (AU4). rate-limiter-flexible's Drizzle store runs the same
 * statement, but it loads drizzle-orm through a computed dynamic import that a bundler
 * cannot follow, which would fail in a bundled Lambda; it also reads the wall clock,
 * where this takes `now` so tests can move time.
 */
export async function consume(
  db: Executor,
  input: { key: string; points: number; windowSeconds: number; now: Date },
): Promise<RateLimitResult> {
  const { key, points, windowSeconds, now } = input;
  const expire = new Date(now.getTime() + windowSeconds * 1000);
  // sql.param encodes the dates as the column does, the same on both drivers.
  const nowParam = sql.param(now, rateLimitBuckets.expire);
  const expireParam = sql.param(expire, rateLimitBuckets.expire);
  const expired = sql`${rateLimitBuckets.expire} <= ${nowParam}`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, points: 1, expire })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        points: sql`case when ${expired} then 1 else ${rateLimitBuckets.points} + 1 end`,
        expire: sql`case when ${expired} then ${expireParam} else ${rateLimitBuckets.expire} end`,
      },
    })
    .returning({ points: rateLimitBuckets.points, expire: rateLimitBuckets.expire });
  if (!row?.expire) throw new Error("rate limit upsert returned no row");

  // Clamped to the window: a concurrent request may have opened it a moment after `now`.
  const left = Math.ceil((row.expire.getTime() - now.getTime()) / 1000);
  const retryAfterSeconds = Math.min(windowSeconds, Math.max(1, left));
  return { allowed: row.points <= points, consumed: row.points, retryAfterSeconds };
}

/** Drops windows that ended before `now`; run from a scheduled job, not per request. */
export async function pruneExpired(db: Executor, now: Date): Promise<number> {
  const removed = await db
    .delete(rateLimitBuckets)
    .where(sql`${rateLimitBuckets.expire} <= ${sql.param(now, rateLimitBuckets.expire)}`)
    .returning({ key: rateLimitBuckets.key });
  return removed.length;
}
