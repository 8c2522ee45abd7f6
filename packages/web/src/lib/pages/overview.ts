import { type AppContext, startApp } from "../app.ts";
import { byId, h, replace } from "../dom.ts";
import { formatDateTime, formatMoney } from "../format.ts";
import type { Page } from "../schemas.ts";
import { statusBadge } from "../ui.ts";

const RECENT = 5;

/** The org overview: how many agents, calls and orders, and the latest of each. */
export function startOverview(): void {
  startApp(async (ctx) => {
    byId("overview-org", HTMLElement).textContent = ctx.org.orgName;
    const orgId = ctx.org.orgId;

    await Promise.all([
      card(
        ctx,
        "agents",
        "agent",
        () => ctx.api.agents.list(orgId),
        (agent) =>
          item(ctx.link("/app/calls/", { agentId: agent.id }), agent.name, agent.phoneNumber),
      ),
      card(
        ctx,
        "calls",
        "call",
        () => ctx.api.calls.list(orgId),
        (call) =>
          item(
            ctx.link("/app/call/", { id: call.id }),
            `${call.fromNumber} → ${call.toNumber}`,
            formatDateTime(call.startedAt),
            statusBadge(call.status),
          ),
      ),
      card(
        ctx,
        "orders",
        "order",
        () => ctx.api.orders.list(orgId),
        (order) =>
          item(
            ctx.link("/app/orders/", { id: order.id }),
            formatMoney(order.totalCents, order.currency),
            formatDateTime(order.createdAt),
            statusBadge(order.status),
          ),
      ),
    ]);
  });
}

async function card<T>(
  ctx: AppContext,
  key: string,
  noun: string,
  load: () => Promise<Page<T>>,
  render: (item: T) => HTMLElement,
): Promise<void> {
  const count = byId(`overview-${key}-count`, HTMLElement);
  try {
    const page = await load();
    // Lists are paged and there is no count endpoint: past one page, say "at least".
    const n = page.items.length;
    count.textContent =
      page.nextCursor === null ? `${n} ${noun}${n === 1 ? "" : "s"}` : `${n}+ ${noun}s`;
    replace(
      byId(`overview-${key}-list`, HTMLElement),
      ...page.items.slice(0, RECENT).map(render),
      n === 0 ? h("li", { class: "muted" }, `No ${noun}s yet.`) : null,
    );
  } catch (error) {
    count.textContent = "";
    ctx.fail(error, byId(`overview-${key}-error`, HTMLElement));
  }
}

function item(href: string, title: string, meta: string, badge?: HTMLElement): HTMLElement {
  return h(
    "li",
    {},
    h("a", { href }, title),
    " ",
    badge ?? null,
    h("div", { class: "muted small" }, meta),
  );
}
