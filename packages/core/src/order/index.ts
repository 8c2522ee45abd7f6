import { and, desc, eq, isNull } from "drizzle-orm";
import type { OrgContext } from "../actor/index.ts";
import { NotFoundError } from "../util/errors.ts";
import { afterCursor, type Page, type PageQuery, toPage } from "../util/page.ts";
import { orders } from "./order.sql.ts";

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
