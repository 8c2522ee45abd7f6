import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { defineConfig } from "vitest/config";

assertNodeMajor();

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Each file opens its own database; PGlite's start-up dominates, not the tests.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Handlers log every rejected request; keep test output to what failed.
    env: { LOG_LEVEL: "warn" },
  },
});
