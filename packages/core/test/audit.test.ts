import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../src/db/index.ts";
import { auditLogs, authEvents } from "../src/db/schema.ts";
import { createId } from "../src/util/id.ts";
import { createTestDatabase } from "./database.ts";

let database: DatabaseHandle;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(() => database.close());

/** The message of the database error under drizzle's wrapper. */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause;
    return cause?.message ?? String(error);
  }
  return "not refused";
}

describe("audit tables", () => {
  it("AD3: audit_logs and auth_events refuse UPDATE, DELETE and TRUNCATE", async () => {
    const { db } = database;
    const auditId = createId();
    const eventId = createId();
    await db.insert(auditLogs).values({
      id: auditId,
      actorKind: "system",
      action: "agent.delete",
      targetType: "agent",
      before: { name: "Front desk" },
    });
    await db.insert(authEvents).values({
      id: eventId,
      type: "sign_in",
      outcome: "failure",
      reason: "BAD_CREDENTIALS",
      ip: "203.0.113.9",
    });

    for (const table of ["audit_logs", "auth_events"]) {
      const name = sql.identifier(table);
      expect(await refusal(db.execute(sql`update ${name} set created_at = now()`))).toMatch(
        /append-only/,
      );
      expect(await refusal(db.execute(sql`delete from ${name}`))).toMatch(/append-only/);
      expect(await refusal(db.execute(sql`truncate ${name}`))).toMatch(/append-only/);
    }

    const [audit] = await db.select().from(auditLogs);
    expect(audit).toMatchObject({ id: auditId, before: { name: "Front desk" } });
    expect(await db.$count(authEvents)).toBe(1);
  });
});
