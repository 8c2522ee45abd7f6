import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agents } from "../agent/agent.sql.ts";
import { calls } from "../call/call.sql.ts";
import { organizations } from "../org/org.sql.ts";
import { createdAt, deletedAt, orgId, updatedAt } from "../util/sql.ts";

export interface OrderItem {
  name: string;
  quantity: number;
  unitPriceCents: number;
  catalogItemId?: string;
}

export const ORDER_STATUSES = ["pending", "confirmed", "fulfilled", "canceled"] as const;
export const orderStatusEnum = pgEnum("order_status", ORDER_STATUSES);
export const orderSourceEnum = pgEnum("order_source", ["call", "square", "clover", "manual"]);

export const orders = pgTable(
  "orders",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    agentId: uuid("agent_id"),
    callId: uuid("call_id"),
    source: orderSourceEnum("source").notNull(),
    /** The POS's own id for orders that came from Square or Clover. */
    externalId: text("external_id"),
    status: orderStatusEnum("status").notNull(),
    items: jsonb("items").$type<OrderItem[]>().notNull(),
    totalCents: integer("total_cents").notNull(),
    currency: text("currency").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }),
    uniqueIndex("orders_org_source_external_key")
      .on(t.orgId, t.source, t.externalId)
      .where(sql`${t.externalId} is not null`),
    check("orders_total_nonnegative", sql`${t.totalCents} >= 0`),
    check("orders_currency_iso", sql`${t.currency} ~ '^[A-Z]{3}$'`),
  ],
);
