import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authEvents } from "../src/audit/audit.sql.ts";
import { emailVerifications, oauthFlows } from "../src/auth/auth.sql.ts";
import type { DatabaseHandle } from "../src/db/index.ts";
import { pruneExpired } from "../src/maintenance/index.ts";
import { consume } from "../src/ratelimit/index.ts";
import { insertUser } from "../src/seed/index.ts";
import { sessions } from "../src/session/session.sql.ts";
import { createTestDatabase } from "./database.ts";

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database.close());

const ago = (days: number) => new Date(Date.now() - days * 86_400_000);

describe("pruning", () => {
  it("removes expired rows in batches, keeps live ones and never touches auth events", async () => {
    const { db } = database;
    const userId = await insertUser(db, { email: "prune@example.test", name: "P" });
    const session = (expiresAt: Date) => ({ id: randomUUID(), userId, expiresAt });
    await db
      .insert(sessions)
      .values([...Array.from({ length: 7 }, () => session(ago(40))), session(ago(-3))]);
    await db.insert(oauthFlows).values({
      id: randomUUID(),
      provider: "google",
      stateHash: "h",
      nonce: "n",
      codeVerifier: "v",
      expiresAt: ago(2),
    });
    await db.insert(emailVerifications).values({
      id: randomUUID(),
      userId,
      codeHash: "x",
      expiresAt: ago(-1),
    });
    await consume(db, { key: "old", points: 5, windowSeconds: 60, now: ago(1) });
    await consume(db, { key: "live", points: 5, windowSeconds: 600, now: new Date() });
    await db.insert(authEvents).values({
      id: randomUUID(),
      type: "sign_in",
      outcome: "success",
      userId,
    });

    const batches: number[] = [];
    const totals = await pruneExpired(db, {
      now: new Date(),
      batchSize: 3,
      onProgress: ({ table, deleted }) => {
        if (table === "sessions") batches.push(deleted);
      },
    });
    expect(totals).toMatchObject({
      sessions: 7,
      oauth_flows: 1,
      rate_limit_buckets: 1,
      email_verifications: 0,
    });
    expect(batches).toEqual([3, 3, 1]);
    expect(await db.$count(sessions)).toBe(1);
    expect(await db.$count(emailVerifications)).toBe(1);
    expect(await db.$count(authEvents)).toBe(1);

    const again = await pruneExpired(db, { now: new Date() });
    expect(Object.values(again).every((n) => n === 0)).toBe(true);
  });
});
