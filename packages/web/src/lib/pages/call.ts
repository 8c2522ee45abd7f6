import { startApp } from "../app.ts";
import { byId, h, replace, show } from "../dom.ts";
import { formatDateTime, formatDuration, formatJson, formatOffset, humanize } from "../format.ts";
import type { CallDetail, ToolInvocation, TranscriptSegment } from "../schemas.ts";
import { fillDetails, statusBadge } from "../ui.ts";

const speakers: Record<TranscriptSegment["speaker"], string> = {
  agent: "Agent",
  caller: "Caller",
  system: "System",
};

/** One call: its transcript as a conversation, its details and its tool calls. */
export function startCall(): void {
  startApp(async (ctx) => {
    const notice = byId("call-notice", HTMLElement);
    const loading = byId("call-loading", HTMLElement);
    const id = ctx.params.get("id");
    if (!id) {
      show(loading, false);
      replace(
        notice,
        h("p", { class: "notice" }, "No call is selected. Choose one from the list."),
      );
      show(notice);
      return;
    }

    let call: CallDetail;
    try {
      call = await ctx.api.calls.get(ctx.org.orgId, id);
    } catch (error) {
      show(loading, false);
      return ctx.fail(error, notice);
    }

    let agentName: string | null = null;
    try {
      agentName = (await ctx.api.agents.get(ctx.org.orgId, call.agentId)).name;
    } catch {
      // The agent may have been deleted since; the call is still worth showing.
    }

    byId("call-title", HTMLElement).textContent = `${call.fromNumber} → ${call.toNumber}`;
    replace(byId("call-status", HTMLElement), statusBadge(call.status));
    document.title = `Call ${formatDateTime(call.startedAt)} · VoiceCraft`;

    fillDetails(byId("call-details", HTMLElement), [
      [
        "Agent",
        h(
          "a",
          { href: ctx.link("/app/calls/", { agentId: call.agentId }) },
          agentName ?? call.agentId,
        ),
      ],
      ["Direction", humanize(call.direction)],
      ["From", h("span", { class: "mono" }, call.fromNumber)],
      ["To", h("span", { class: "mono" }, call.toNumber)],
      ["Started", formatDateTime(call.startedAt)],
      ["Ended", formatDateTime(call.endedAt)],
      ["Duration", formatDuration(call.durationSeconds)],
    ]);
    byId("call-summary", HTMLElement).textContent = call.summary ?? "No summary for this call.";

    const transcript = [...call.transcript].sort((a, b) => a.seq - b.seq);
    replace(
      byId("call-transcript", HTMLElement),
      ...(transcript.length > 0
        ? transcript.map(turn)
        : [h("li", { class: "muted" }, "No transcript for this call.")]),
    );

    replace(
      byId("call-tools", HTMLElement),
      ...(call.toolInvocations.length > 0
        ? call.toolInvocations.map(tool)
        : [h("li", { class: "muted" }, "No tools were used on this call.")]),
    );

    show(loading, false);
    show(byId("call-view", HTMLElement));
  });
}

function turn(segment: TranscriptSegment): HTMLElement {
  return h(
    "li",
    { class: `turn turn-${segment.speaker}`, "data-speaker": segment.speaker },
    h(
      "span",
      { class: "turn-meta" },
      `${speakers[segment.speaker]} · ${formatOffset(segment.startMs)}`,
    ),
    h("p", { class: "bubble" }, segment.text),
  );
}

function tool(invocation: ToolInvocation): HTMLElement {
  return h(
    "li",
    { class: "card", "data-tool-id": invocation.id },
    h(
      "div",
      { class: "tool-head" },
      h("strong", { class: "mono" }, invocation.toolName),
      statusBadge(invocation.status),
      h("span", { class: "muted small" }, formatDateTime(invocation.createdAt)),
    ),
    invocation.resultSummary ? h("p", {}, invocation.resultSummary) : null,
    h("p", { class: "small muted" }, "Arguments (redacted)"),
    h("pre", {}, h("code", {}, formatJson(invocation.redactedArguments))),
  );
}
