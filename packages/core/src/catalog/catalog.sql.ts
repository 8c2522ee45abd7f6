import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "../org/org.sql.ts";
import { createdAt, deletedAt, orgId, updatedAt } from "../util/sql.ts";

/** What an ordering agent can sell. Changes are audited (AD2). */
export const catalogItems = pgTable(
  "catalog_items",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    sku: text("sku"),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    priceCents: integer("price_cents").notNull(),
    currency: text("currency").notNull(),
    available: boolean("available").notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("catalog_items_org_sku_key")
      .on(t.orgId, t.sku)
      .where(sql`${t.sku} is not null and ${t.deletedAt} is null`),
    check("catalog_items_price_nonnegative", sql`${t.priceCents} >= 0`),
  ],
);
