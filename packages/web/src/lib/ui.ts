import { type Child, h, replace } from "./dom.ts";
import { humanize } from "./format.ts";

type Tone = "success" | "warning" | "danger" | "accent" | "neutral";

const tones: Record<string, Tone> = {
  completed: "success",
  succeeded: "success",
  fulfilled: "success",
  confirmed: "accent",
  in_progress: "accent",
  ringing: "accent",
  queued: "accent",
  pending: "warning",
  failed: "danger",
  busy: "danger",
  no_answer: "danger",
  canceled: "neutral",
};

/** A status pill; unknown statuses still render, in the neutral tone. */
export function statusBadge(status: string): HTMLElement {
  const tone = tones[status] ?? "neutral";
  return h(
    "span",
    { class: tone === "neutral" ? "badge" : `badge badge-${tone}` },
    humanize(status),
  );
}

/** A table row with one cell per child; `num` columns are right-aligned. */
export function row(
  cells: (Child | { num: Child })[],
  attrs: Record<string, string> = {},
): HTMLElement {
  return h(
    "tr",
    attrs,
    ...cells.map((cell) =>
      cell !== null && typeof cell === "object" && "num" in cell
        ? h("td", { class: "num" }, cell.num)
        : h("td", {}, cell as Child),
    ),
  );
}

/** The row shown when a list has nothing in it. */
export function emptyRow(columns: number, ...message: Child[]): HTMLElement {
  return h("tr", {}, h("td", { class: "empty", colspan: columns }, ...message));
}

/** Fills a `<dl>` from label/value pairs. */
export function fillDetails(list: HTMLElement, entries: [string, Child][]): void {
  replace(
    list,
    ...entries.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value ?? "—")]),
  );
}

/** Shortens text to `max` characters on a word boundary when it can. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A success message that screen readers announce. */
export function successNotice(message: string): HTMLElement {
  return h("div", { class: "notice notice-success", role: "status" }, message);
}
