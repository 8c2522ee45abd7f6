import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { OrgContext } from "../actor/index.ts";
import type { Executor } from "../db/index.ts";
import { NotFoundError } from "../util/errors.ts";
import { createId } from "../util/id.ts";
import { afterCursor, type Page, type PageQuery, toPage } from "../util/page.ts";
import { type ORDER_STATUSES, orders } from "./order.sql.ts";

export { orders };

export type Order = Omit<typeof orders.$inferSelect, "orgId" | "deletedAt" | "updatedAt">;

const columns = {
  id: orders.id,
  agentId: orders.agentId,
  callId: orders.callId,
  source: orders.source,
  externalId: orders.externalId,
  status: orders.status,
  items: orders.items,
  totalCents: orders.totalCents,
  currency: orders.currency,
  createdAt: orders.createdAt,
};

const live = (ctx: OrgContext) => and(eq(orders.orgId, ctx.actor.orgId), isNull(orders.deletedAt));

/** The org's orders, newest first. */
export async function listOrders(ctx: OrgContext, query: PageQuery): Promise<Page<Order>> {
  const rows = await ctx.db
    .select(columns)
    .from(orders)
    .where(and(live(ctx), afterCursor(orders.id, query.cursor)))
    .orderBy(desc(orders.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit);
}

/** One order of the org. */
export async function getOrder(ctx: OrgContext, orderId: string): Promise<Order> {
  const [row] = await ctx.db
    .select(columns)
    .from(orders)
    .where(and(live(ctx), eq(orders.id, orderId)));
  if (!row) throw new NotFoundError("ORDER_NOT_FOUND", "No such order.");
  return row;
}

/**
 * Creates or updates the order a point-of-sale system reported (Square, Clover), keyed by
 * the POS's own order id within the org. Their notifications carry ids and states, not
 * line items; fetching items needs the merchant's OAuth token and is the sync job's work.
 */
export async function upsertPosOrder(
  db: Executor,
  input: {
    orgId: string;
    source: "square" | "clover";
    externalId: string;
    status: (typeof ORDER_STATUSES)[number];
  },
): Promise<void> {
  await db
    .insert(orders)
    .values({
      orgId: input.orgId,
      id: createId(),
      source: input.source,
      externalId: input.externalId,
      status: input.status,
      items: [],
      totalCents: 0,
      currency: "USD",
    })
    .onConflictDoUpdate({
      target: [orders.orgId, orders.source, orders.externalId],
      targetWhere: sql`${orders.externalId} is not null`,
      set: { status: input.status, updatedAt: new Date() },
    });
}
