import { type AppContext, startApp } from "../app.ts";
import { byId, h, replace } from "../dom.ts";
import { formatDateTime, formatDuration, humanize } from "../format.ts";
import { createPager } from "../pager.ts";
import type { Agent, Call } from "../schemas.ts";
import { emptyRow, row, statusBadge, truncate } from "../ui.ts";

const COLUMNS = 8;
/** Enough for any real org's agent list; the filter still works past it by id. */
const MAX_AGENT_PAGES = 20;

/** The calls list, filtered by agent through `?agentId=`. */
export function startCalls(): void {
  startApp(async (ctx) => {
    const body = byId("calls-body", HTMLTableSectionElement);
    const notice = byId("calls-notice", HTMLElement);
    const select = byId("calls-agent", HTMLSelectElement);
    let agentId = ctx.params.get("agentId") ?? "";

    const agents = await loadAgents(ctx).catch((error: unknown) => {
      ctx.fail(error, notice);
      return [] as Agent[];
    });
    const names = new Map(agents.map((agent) => [agent.id, agent.name]));
    fillAgentFilter(select, agents, agentId);

    const pager = createPager<Call>({
      load: (cursor) => ctx.api.calls.list(ctx.org.orgId, { cursor, agentId }),
      render: (calls, first) => {
        if (first) replace(body);
        body.append(...calls.map((call) => callRow(ctx, call, names)));
        if (!body.firstChild) {
          replace(
            body,
            emptyRow(COLUMNS, agentId ? "No calls for this agent yet." : "No calls yet."),
          );
        }
      },
      button: byId("calls-more", HTMLButtonElement),
      onError: (error) => ctx.fail(error, notice),
    });

    select.addEventListener("change", () => {
      agentId = select.value;
      // The filter lives in the URL so the view can be shared and survives a reload.
      history.replaceState(history.state, "", ctx.link(location.pathname, { agentId }));
      void pager.reset();
    });
    byId("calls-filter", HTMLFormElement).addEventListener("submit", (e) => e.preventDefault());

    await pager.reset();
  });
}

async function loadAgents(ctx: AppContext): Promise<Agent[]> {
  const all: Agent[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_AGENT_PAGES; i++) {
    const page = await ctx.api.agents.list(ctx.org.orgId, { cursor, limit: 100 });
    all.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

function fillAgentFilter(select: HTMLSelectElement, agents: Agent[], selected: string): void {
  const known = agents.some((agent) => agent.id === selected);
  replace(
    select,
    h("option", { value: "" }, "All agents"),
    ...agents.map((agent) =>
      h("option", { value: agent.id, selected: agent.id === selected }, agent.name),
    ),
    // A link may name an agent that is not listed (deleted, or past the pages loaded).
    selected && !known
      ? h("option", { value: selected, selected: true }, `Agent ${selected}`)
      : null,
  );
}

function callRow(ctx: AppContext, call: Call, names: Map<string, string>): HTMLElement {
  return row([
    h("a", { href: ctx.link("/app/call/", { id: call.id }) }, formatDateTime(call.startedAt)),
    names.get(call.agentId) ?? h("span", { class: "muted mono" }, call.agentId.slice(0, 8)),
    humanize(call.direction),
    h("span", { class: "mono" }, call.fromNumber),
    h("span", { class: "mono" }, call.toNumber),
    statusBadge(call.status),
    { num: formatDuration(call.durationSeconds) },
    call.summary ? truncate(call.summary, 120) : h("span", { class: "muted" }, "—"),
  ]);
}
