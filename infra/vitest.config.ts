import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    // SST resolves handler and site paths against the working directory, so the test
    // changes it; worker threads cannot, forked processes can.
    pool: "forks",
    // Synthesis bundles every function with esbuild.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    env: {
      // SST skips its AWS-bound steps (bootstrap lookup, sourcemap upload) only under test.
      NODE_ENV: "test",
      // Any well-formed id: nothing is deployed.
      CLOUDFLARE_ACCOUNT_ID: "0123456789abcdef0123456789abcdef",
    },
  },
});
