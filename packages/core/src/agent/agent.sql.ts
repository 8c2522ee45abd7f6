import { sql } from "drizzle-orm";
import { check, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../org/org.sql.ts";
import { createdAt, deletedAt, orgId, updatedAt } from "../util/sql.ts";

export const agents = pgTable(
  "agents",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    /** E.164. Webhooks find the tenant by this number (TN2), so it is unique platform-wide. */
    phoneNumber: text("phone_number").notNull(),
    language: text("language").notNull().default("en-US"),
    voice: text("voice").notNull().default("alloy"),
    greeting: text("greeting").notNull().default(""),
    instructions: text("instructions").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // A tombstoned agent releases its number so it can be given to a new agent.
    uniqueIndex("agents_phone_number_key").on(t.phoneNumber).where(sql`${t.deletedAt} is null`),
    check("agents_phone_number_e164", sql`${t.phoneNumber} ~ '^\\+[1-9][0-9]{6,14}$'`),
  ],
);
