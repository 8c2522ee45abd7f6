import type { BuildOptions } from "esbuild";

/**
 * How every route is bundled, here and by SST when deploying: one minified ESM file per
 * route for Node 24. PGlite and Drizzle's driver for it are external: core/db imports
 * them only without a DATABASE_URL, which deployed functions always have, and bundling
 * the driver would hoist its static `import "@electric-sql/pglite"` to the top of the
 * ESM file and fail every cold start. The SSM client that `sst/node/config` uses to
 * fetch bound secrets ships with the nodejs24.x runtime.
 */
export const lambdaBundleOptions = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node24",
  sourcemap: false,
  legalComments: "none",
  external: [
    "@electric-sql/pglite",
    "drizzle-orm/pglite",
    "drizzle-orm/pglite/*",
    "@aws-sdk/client-ssm",
  ],
  // CommonJS dependencies (pino, postgres' helpers) call require(); ESM output needs one.
  banner: {
    js: "import{createRequire as __vcRequire}from'node:module';const require=__vcRequire(import.meta.url);",
  },
} as const satisfies BuildOptions;
