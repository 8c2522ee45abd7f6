import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type Claim, claimAreas, claims } from "../src/claims/index.ts";
import {
  checkClaims,
  type FoundTest,
  findRepoTests,
  leadingClaimIds,
  parseTests,
} from "../src/claims/verify.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function claim(overrides: Partial<Claim>): Claim {
  return {
    id: "ZZ1",
    area: "Transport",
    text: "A claim.",
    status: "not_yet",
    tests: [],
    ...overrides,
  };
}

function found(overrides: Partial<FoundTest>): FoundTest {
  return {
    file: "packages/core/test/x.test.ts",
    name: "ZZ1: holds",
    kind: "test",
    skipped: false,
    line: 1,
    ...overrides,
  };
}

describe("claims registry", () => {
  it("has well-formed, unique ids, in areas that exist", () => {
    const ids = claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of claims) {
      expect(c.id).toMatch(/^[A-Z]{2}\d{1,3}$/);
      expect(claimAreas).toContain(c.area);
      expect(c.text.trim()).not.toBe("");
    }
  });

  it("matches the repo: referenced tests exist, claim-named tests have a claim", () => {
    const tests = findRepoTests(repoRoot);
    // Guards against a glob that silently finds nothing, which would make the check vacuous.
    expect(tests.some((t) => t.file === "packages/core/test/claims.test.ts")).toBe(true);

    expect(checkClaims(claims, tests)).toEqual([]);
  });

  it("points only at files that exist", () => {
    for (const ref of claims.flatMap((c) => c.tests)) {
      expect(existsSync(`${repoRoot}${ref.file}`), ref.file).toBe(true);
    }
  });
});

describe("checkClaims", () => {
  it("accepts a proven claim whose test exists with exactly that name", () => {
    const registry = [
      claim({
        status: "proven",
        tests: [{ file: "packages/core/test/x.test.ts", name: "ZZ1: holds" }],
      }),
    ];
    expect(checkClaims(registry, [found({})])).toEqual([]);
  });

  it("rejects a reference to a test that does not exist", () => {
    const registry = [
      claim({
        status: "proven",
        tests: [{ file: "packages/core/test/x.test.ts", name: "ZZ1: a test nobody wrote" }],
      }),
    ];
    const problems = checkClaims(registry, [found({})]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/no test with exactly this name/);
  });

  it("rejects a reference to a file with no tests", () => {
    const registry = [
      claim({
        status: "proven",
        tests: [{ file: "packages/core/test/missing.test.ts", name: "ZZ1: holds" }],
      }),
    ];
    expect(checkClaims(registry, [found({})])[0]?.message).toMatch(/not a test file/);
  });

  it("rejects a referenced test whose name does not contain the claim id", () => {
    const registry = [
      claim({ status: "proven", tests: [{ file: "packages/core/test/x.test.ts", name: "holds" }] }),
    ];
    const problems = checkClaims(registry, [found({ name: "holds" })]);
    expect(problems[0]?.message).toMatch(/does not name ZZ1/);
  });

  it("does not take ZZ10 for ZZ1", () => {
    const registry = [
      claim({ tests: [{ file: "packages/core/test/x.test.ts", name: "ZZ10: holds" }] }),
    ];
    const problems = checkClaims(registry, [found({ name: "ZZ10: holds" })]);
    expect(problems.map((p) => p.message).join("\n")).toMatch(/does not name ZZ1/);
  });

  it("rejects a skipped test as proof", () => {
    const registry = [
      claim({
        status: "proven",
        tests: [{ file: "packages/core/test/x.test.ts", name: "ZZ1: holds" }],
      }),
    ];
    expect(checkClaims(registry, [found({ skipped: true })])[0]?.message).toMatch(/skipped/);
  });

  it("rejects a suite name where a test name is required", () => {
    const registry = [
      claim({
        status: "proven",
        tests: [{ file: "packages/core/test/x.test.ts", name: "ZZ1: holds" }],
      }),
    ];
    const problems = checkClaims(registry, [found({ kind: "suite" }), found({ name: "other" })]);
    expect(problems[0]?.message).toMatch(/no test with exactly this name/);
  });

  it("rejects a proven claim with no test", () => {
    expect(checkClaims([claim({ status: "proven" })], [])[0]?.message).toMatch(/lists no test/);
  });

  it("requires a gap on a partly tested claim, and none on a proven one", () => {
    const ref = { file: "packages/core/test/x.test.ts", name: "ZZ1: holds" };
    expect(checkClaims([claim({ tests: [ref] })], [found({})])[0]?.message).toMatch(/gap/);
    expect(checkClaims([claim({ tests: [ref], gap: "The rest." })], [found({})])).toEqual([]);
    expect(
      checkClaims([claim({ status: "proven", tests: [ref], gap: "The rest." })], [found({})])[0]
        ?.message,
    ).toMatch(/still states a gap/);
  });

  it("rejects malformed and duplicate ids", () => {
    const messages = checkClaims([claim({ id: "tn1" }), claim({}), claim({})], []).map(
      (p) => p.message,
    );
    expect(messages).toEqual(['"tn1" is not a claim id like TN1.', "ZZ1 appears more than once."]);
  });

  it("rejects a test named after a claim the registry does not have", () => {
    const problems = checkClaims([claim({})], [found({ name: "QQ7: something" })]);
    expect(problems).toEqual([
      {
        claimId: "QQ7",
        message: 'packages/core/test/x.test.ts:1 "QQ7: something" names QQ7, not in the registry.',
      },
    ]);
  });
});

describe("parseTests", () => {
  it("reads titles of it, test and describe calls with their modifiers", () => {
    // Written with an X_ prefix so the repo scan does not take these lines for real tests.
    const source = [
      'X_describe("TN1: suite", () => {',
      "  X_it('TN1: single \\'quoted\\'', () => {});",
      "  X_test.concurrent(`TN3: template`, async () => {});",
      '  X_it.skip("SO1: skipped", () => {});',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal
      "  X_it(`built ${at} runtime`, () => {});",
      '  X_it.skipIf(ci)("SO3: maybe", () => {});',
      "});",
    ]
      .join("\n")
      .replaceAll("X_", "");
    const tests = parseTests("f.test.ts", source);
    expect(tests.map(({ name, kind, skipped, line }) => ({ name, kind, skipped, line }))).toEqual([
      { name: "TN1: suite", kind: "suite", skipped: false, line: 1 },
      { name: "TN1: single 'quoted'", kind: "test", skipped: false, line: 2 },
      { name: "TN3: template", kind: "test", skipped: false, line: 3 },
      { name: "SO1: skipped", kind: "test", skipped: true, line: 4 },
    ]);
  });

  it("reads the claim ids a name opens with", () => {
    expect(leadingClaimIds("TN1: guards")).toEqual(["TN1"]);
    expect(leadingClaimIds("TN1, TN3: isolation")).toEqual(["TN1", "TN3"]);
    expect(leadingClaimIds("TN1 and SO3: reads")).toEqual(["TN1", "SO3"]);
    expect(leadingClaimIds("SO2 (size): over the limit")).toEqual(["SO2"]);
    expect(leadingClaimIds("Note: not a claim")).toEqual([]);
    expect(leadingClaimIds("ES2024 syntax parses")).toEqual([]);
    expect(leadingClaimIds("mentions TN1 later")).toEqual([]);
  });
});
