import { globSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Claim } from "./index.ts";

/**
 * Where tests live. A claim can only be proven by a file that the test runners pick up,
 * so a reference to any other file counts as a missing test.
 */
export const testFilePatterns = [
  "packages/*/test/**/*.{ts,mts,js,mjs}",
  "packages/*/src/**/*.test.{ts,mts}",
  "infra/**/*.test.{ts,mts}",
] as const;

/** A test found in a source file by its `it`/`test` call, or a suite by `describe`. */
export interface FoundTest {
  /** Repo-relative path with forward slashes. */
  file: string;
  /** The literal title, exactly as written. */
  name: string;
  kind: "test" | "suite";
  /**
   * Declared with `.skip` or `.todo`: it never runs, so it proves nothing. Known gap: a
   * test inside a `describe.skip` block is not seen as skipped, since the parser does
   * not track nesting.
   */
  skipped: boolean;
  /** 1-based line of the call. */
  line: number;
}

/** Claim ids are two capitals and a number: `TN1`, `SO4`. */
export const claimIdPattern = /^[A-Z]{2}\d{1,3}$/;

/**
 * `it("TN1: ...")`, `test.concurrent('…')`, `describe.skip(`…`)`. Only plain string
 * literals count: a title built at run time cannot be matched against the registry.
 * Conditional forms (`it.skipIf(x)("…")`) are not matched on purpose, since a test that
 * may be skipped cannot be relied on as proof.
 */
const callPattern =
  /\b(it|test|describe)((?:\.(?:only|skip|todo|concurrent|sequential|fails))*)\s*\(\s*(?:"((?:[^"\\\n]|\\.)*)"|'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\$]|\\.|\$(?!\{))*)`)/g;

/** The tests and suites declared in one file's source text. */
export function parseTests(file: string, source: string): FoundTest[] {
  const found: FoundTest[] = [];
  for (const match of source.matchAll(callPattern)) {
    const [, fn, modifiers = "", double, single, template] = match;
    const raw = double ?? single ?? template ?? "";
    found.push({
      file,
      name: unescapeTitle(raw),
      kind: fn === "describe" ? "suite" : "test",
      skipped: /\.(skip|todo)\b/.test(modifiers),
      line: source.slice(0, match.index).split("\n").length,
    });
  }
  return found;
}

/** Resolves the escapes a test title is likely to use; anything else is kept as written. */
function unescapeTitle(raw: string): string {
  return raw.replace(/\\(["'`\\$])/g, "$1");
}

/** Every test and suite in the repo's test files, read from disk under `root`. */
export function findRepoTests(root: string): FoundTest[] {
  const files = new Set<string>();
  for (const pattern of testFilePatterns) {
    for (const file of globSync(pattern, { cwd: root, exclude: isIgnoredDir })) {
      files.add(file.split("\\").join("/"));
    }
  }
  return [...files]
    .sort()
    .flatMap((file) => parseTests(file, readFileSync(join(root, file), "utf8")));
}

function isIgnoredDir(path: string): boolean {
  return /(^|[\\/])(node_modules|dist|\.astro|\.sst)$/.test(path);
}

/**
 * The claim ids a test name opens with: `"TN1: ..."` gives `["TN1"]`, `"TN1, TN3: ..."`
 * gives both, and `"SO2 (size): ..."` gives `["SO2"]`, so a test cannot dodge the check
 * by decorating its id. A name that does not open with an id gives none.
 */
export function leadingClaimIds(name: string): string[] {
  const colon = name.indexOf(":");
  if (colon > 0) {
    const ids = name
      .slice(0, colon)
      .split(/\s*[,&/]\s*|\s+and\s+/)
      .map((part) => part.trim());
    if (ids.every((id) => claimIdPattern.test(id))) return ids;
  }
  const first = /^([A-Z]{2}\d{1,3})(?![A-Za-z0-9])/.exec(name)?.[1];
  return first ? [first] : [];
}

/** True when `name` mentions `id` as a whole word, so `TN1` is not found in `TN10`. */
export function mentionsClaim(name: string, id: string): boolean {
  return new RegExp(`(^|[^A-Za-z0-9])${id}([^A-Za-z0-9]|$)`).test(name);
}

/** Something wrong with the registry or the tests, stated so it can be fixed. */
export interface ClaimProblem {
  claimId: string | null;
  message: string;
}

/**
 * Checks the registry against the tests that exist. Returns every problem found, empty
 * when the registry is honest: ids well-formed and unique, each referenced test present,
 * runnable and naming its claim, each proven claim backed by a test, each partly tested
 * claim stating its gap, and each test that opens with a claim id pointing at a claim
 * that exists.
 */
export function checkClaims(
  registry: readonly Claim[],
  tests: readonly FoundTest[],
): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const ids = new Set<string>();

  for (const claim of registry) {
    if (!claimIdPattern.test(claim.id)) {
      problems.push({ claimId: claim.id, message: `"${claim.id}" is not a claim id like TN1.` });
    }
    if (ids.has(claim.id)) {
      problems.push({ claimId: claim.id, message: `${claim.id} appears more than once.` });
    }
    ids.add(claim.id);

    if (claim.text.trim() === "") {
      problems.push({ claimId: claim.id, message: `${claim.id} has no text.` });
    }
    if (claim.status === "proven" && claim.tests.length === 0) {
      problems.push({ claimId: claim.id, message: `${claim.id} is proven but lists no test.` });
    }
    if (claim.status === "proven" && claim.gap) {
      problems.push({
        claimId: claim.id,
        message: `${claim.id} is proven but still states a gap.`,
      });
    }
    // Partial tests must not read as proof: the page shows the gap next to them.
    if (claim.status === "not_yet" && claim.tests.length > 0 && !claim.gap?.trim()) {
      problems.push({
        claimId: claim.id,
        message: `${claim.id} lists tests but is not proven; say what is missing in \`gap\`.`,
      });
    }

    for (const ref of claim.tests) {
      problems.push(...checkReference(claim, ref, tests));
    }
  }

  for (const test of tests) {
    for (const id of leadingClaimIds(test.name)) {
      if (ids.has(id)) continue;
      problems.push({
        claimId: id,
        message: `${test.file}:${test.line} "${test.name}" names ${id}, not in the registry.`,
      });
    }
  }

  return problems;
}

function checkReference(
  claim: Claim,
  ref: Claim["tests"][number],
  tests: readonly FoundTest[],
): ClaimProblem[] {
  const where = `${ref.file} "${ref.name}"`;

  if (!mentionsClaim(ref.name, claim.id)) {
    return [{ claimId: claim.id, message: `${where} does not name ${claim.id}.` }];
  }

  const inFile = tests.filter((test) => test.file === ref.file);
  if (inFile.length === 0) {
    return [{ claimId: claim.id, message: `${ref.file} is not a test file in the repo.` }];
  }

  const matches = inFile.filter((test) => test.kind === "test" && test.name === ref.name);
  if (matches.length === 0) {
    return [{ claimId: claim.id, message: `${where}: no test with exactly this name.` }];
  }

  if (matches.every((test) => test.skipped)) {
    return [{ claimId: claim.id, message: `${where} is skipped, so it proves nothing.` }];
  }

  return [];
}
