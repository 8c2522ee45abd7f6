import { describe, expect, it } from "vitest";
import {
  PII_CATEGORIES,
  type PiiCategory,
  redactToolArguments,
} from "../../src/redaction/index.ts";
import { buildCorpus, type CorpusEntry, type KeepKind, type PiiLabel } from "./corpus.ts";

// Recall: a PII value counts as removed only when nothing of it survives anywhere in the
// stored arguments: not the raw value, not its digits with the separators dropped (a
// phone whose groups were half redacted leaks), not any part of a person's name.
// Precision: a value the operator needs (time, quantity, product, order number) counts
// as kept when it is still there, unchanged.

interface Tally {
  total: number;
  hit: number;
}

function tally(map: Map<string, Tally>, key: string, hit: boolean): void {
  const t = map.get(key) ?? { total: 0, hit: 0 };
  t.total += 1;
  if (hit) t.hit += 1;
  map.set(key, t);
}

function leaves(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (typeof value === "number" || typeof value === "bigint") out.push(String(value));
  else if (Array.isArray(value)) for (const item of value) leaves(item, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) leaves(v, out);
  return out;
}

function at(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const NAME_PARTICLES = new Set(["de", "van", "den", "der", "von", "la", "le", "di", "da"]);

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Why a labelled PII value is still visible in `redacted`, or undefined when it is gone. */
function leak(label: PiiLabel, redacted: unknown, serialized: string): string | undefined {
  const raw = String(label.value);
  if (serialized.includes(JSON.stringify(raw).slice(1, -1))) return "raw value";

  const digits = raw.replace(/\D/g, "");
  if (digits.length >= 6) {
    for (const leaf of leaves(redacted)) {
      if (leaf.replace(/\D/g, "").includes(digits)) return `digits in "${leaf}"`;
    }
  }
  if (label.category === "NAME") {
    for (const part of raw.split(/[\s-]+/)) {
      if (part.length < 3 || NAME_PARTICLES.has(part.toLowerCase())) continue;
      const word = new RegExp(`(?<![\\p{L}])${escapeRegex(part)}(?![\\p{L}])`, "iu");
      if (word.test(serialized)) return `name part "${part}"`;
    }
  }
  return undefined;
}

function kept(entry: CorpusEntry, redacted: unknown, serialized: string) {
  return entry.keep.map((label) => {
    if (label.path !== undefined) return { label, ok: at(redacted, label.path) === label.value };
    return { label, ok: serialized.includes(JSON.stringify(String(label.value)).slice(1, -1)) };
  });
}

function percent(t: Tally): string {
  return `${((t.hit / t.total) * 100).toFixed(2)}%`;
}

describe("redaction quality on the labelled corpus", () => {
  const corpus = buildCorpus();

  it("has at least 500 entries over every tool and locale, with every category labelled", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(new Set(corpus.map((e) => e.tool)).size).toBe(5);
    expect(new Set(corpus.map((e) => e.locale))).toEqual(
      new Set(["US", "UK", "IE", "DE", "FR", "ES", "IT", "NL"]),
    );
    const labelled = new Set(corpus.flatMap((e) => e.pii.map((p) => p.category)));
    for (const category of PII_CATEGORIES) expect(labelled, category).toContain(category);
  });

  it("TC1: redaction removes PII from tool arguments: recall ≥ 99.5% (100% cards, SSNs), precision ≥ 95% on the labelled corpus", () => {
    const recall = new Map<string, Tally>();
    const precision = new Map<string, Tally>();
    const misses: string[] = [];
    const losses: string[] = [];

    for (const entry of corpus) {
      const { redacted } = redactToolArguments(entry.args, { toolName: entry.tool });
      const serialized = JSON.stringify(redacted);
      for (const label of entry.pii) {
        const why = leak(label, redacted, serialized);
        tally(recall, label.category, why === undefined);
        if (why)
          misses.push(`#${entry.id} ${entry.locale} ${label.category} ${label.path}: ${why}`);
      }
      for (const { label, ok } of kept(entry, redacted, serialized)) {
        tally(precision, label.kind, ok);
        if (!ok) losses.push(`#${entry.id} ${label.kind} ${JSON.stringify(label.value)}`);
      }
    }

    const sum = (map: Map<string, Tally>) =>
      [...map.values()].reduce((a, t) => ({ total: a.total + t.total, hit: a.hit + t.hit }), {
        total: 0,
        hit: 0,
      });
    const overallRecall = sum(recall);
    const overallPrecision = sum(precision);

    const rows: Record<string, { values: number; removed: number; recall: string }> = {};
    for (const category of PII_CATEGORIES) {
      const t = recall.get(category) ?? { total: 0, hit: 0 };
      rows[category] = { values: t.total, removed: t.hit, recall: percent(t) };
    }
    rows.ALL = {
      values: overallRecall.total,
      removed: overallRecall.hit,
      recall: percent(overallRecall),
    };
    const keepRows: Record<string, { values: number; kept: number; precision: string }> = {};
    for (const [kind, t] of [...precision.entries()].sort()) {
      keepRows[kind as KeepKind] = { values: t.total, kept: t.hit, precision: percent(t) };
    }
    keepRows.ALL = {
      values: overallPrecision.total,
      kept: overallPrecision.hit,
      precision: percent(overallPrecision),
    };
    const report = [
      `corpus: ${corpus.length} tool calls`,
      "recall (PII removed), per category:",
      tableOf(rows),
      "precision (non-PII kept), per kind of value:",
      tableOf(keepRows),
      `misses (${misses.length}):`,
      ...misses.slice(0, 40),
      `losses (${losses.length}):`,
      ...losses.slice(0, 40),
    ].join("\n");
    process.stdout.write(`${report}\n`);

    const rate = (category: PiiCategory) => {
      const t = recall.get(category);
      return t ? t.hit / t.total : 0;
    };
    expect(rate("CARD"), report).toBe(1);
    expect(rate("SSN"), report).toBe(1);
    expect(overallRecall.hit / overallRecall.total, report).toBeGreaterThanOrEqual(0.995);
    expect(overallPrecision.hit / overallPrecision.total, report).toBeGreaterThanOrEqual(0.95);
  });
});

function tableOf(rows: Record<string, Record<string, string | number>>): string {
  const names = Object.keys(rows);
  const columns = Object.keys(rows[names[0] ?? ""] ?? {});
  const width = Math.max(...names.map((n) => n.length), 8);
  const header = ["".padEnd(width), ...columns.map((c) => c.padStart(10))].join(" ");
  const lines = names.map((name) =>
    [name.padEnd(width), ...columns.map((c) => String(rows[name]?.[c] ?? "").padStart(10))].join(
      " ",
    ),
  );
  return [header, ...lines].join("\n");
}
