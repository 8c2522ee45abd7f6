import { type AppContext, startApp } from "../app.ts";
import { byId, h, replace, show } from "../dom.ts";
import { formatDateTime, formatMoney, humanize } from "../format.ts";
import { createPager } from "../pager.ts";
import type { Order } from "../schemas.ts";
import { emptyRow, fillDetails, row, statusBadge } from "../ui.ts";

const COLUMNS = 6;

/** Orders: the list, or one order (`?id=`). */
export function startOrders(): void {
  startApp(async (ctx) => {
    const id = ctx.params.get("id");
    if (id) await detail(ctx, id);
    else await list(ctx);
  });
}

async function list(ctx: AppContext): Promise<void> {
  const body = byId("orders-body", HTMLTableSectionElement);
  show(byId("orders-list-view", HTMLElement));

  const pager = createPager<Order>({
    load: (cursor) => ctx.api.orders.list(ctx.org.orgId, { cursor }),
    render: (orders, first) => {
      if (first) replace(body);
      body.append(
        ...orders.map((order) =>
          row([
            h(
              "a",
              { href: ctx.link("/app/orders/", { id: order.id }) },
              formatDateTime(order.createdAt),
            ),
            statusBadge(order.status),
            humanize(order.source),
            itemCount(order),
            { num: formatMoney(order.totalCents, order.currency) },
            order.callId
              ? h("a", { href: ctx.link("/app/call/", { id: order.callId }) }, "View call")
              : "—",
          ]),
        ),
      );
      if (!body.firstChild) replace(body, emptyRow(COLUMNS, "No orders yet."));
    },
    button: byId("orders-more", HTMLButtonElement),
    onError: (error) => ctx.fail(error, byId("orders-notice", HTMLElement)),
  });
  await pager.reset();
}

function itemCount(order: Order): string {
  const n = order.items.reduce((sum, item) => sum + item.quantity, 0);
  return `${n} item${n === 1 ? "" : "s"}`;
}

async function detail(ctx: AppContext, id: string): Promise<void> {
  let order: Order;
  try {
    order = await ctx.api.orders.get(ctx.org.orgId, id);
  } catch (error) {
    return ctx.fail(error, byId("orders-notice", HTMLElement));
  }

  const total = formatMoney(order.totalCents, order.currency);
  byId("order-title", HTMLElement).textContent = `Order of ${total}`;
  replace(byId("order-status", HTMLElement), statusBadge(order.status));
  document.title = `Order ${formatDateTime(order.createdAt)} · VoiceCraft`;

  replace(
    byId("order-items", HTMLElement),
    ...order.items.map((item) =>
      row([
        item.name,
        { num: item.quantity },
        { num: formatMoney(item.unitPriceCents, order.currency) },
        { num: formatMoney(item.unitPriceCents * item.quantity, order.currency) },
      ]),
    ),
  );
  byId("order-total", HTMLElement).textContent = total;

  fillDetails(byId("order-meta", HTMLElement), [
    ["Created", formatDateTime(order.createdAt)],
    ["Source", humanize(order.source)],
    ["External id", order.externalId ? h("span", { class: "mono" }, order.externalId) : "—"],
    [
      "Call",
      order.callId
        ? h("a", { href: ctx.link("/app/call/", { id: order.callId }) }, "View call")
        : "—",
    ],
    [
      "Agent",
      order.agentId
        ? h(
            "a",
            { href: ctx.link("/app/calls/", { agentId: order.agentId }) },
            "Calls of this agent",
          )
        : "—",
    ],
  ]);
  show(byId("orders-detail-view", HTMLElement));
}
