import { defineConfig } from "vitest/config";
import { assertNodeMajor } from "./src/util/runtime.ts";

assertNodeMajor();

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Handlers log every rejected request; keep test output to what failed.
    env: { LOG_LEVEL: "warn" },
  },
});
