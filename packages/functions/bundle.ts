import type { BuildOptions } from "esbuild";

/**
 * How every route is bundled, here and by SST when deploying: one minified ESM file per
 * route for Node 24. PGlite is external because deployed functions always have a
 * DATABASE_URL and only import it without one; the SSM client that `sst/node/config`
 * uses to fetch bound secrets ships with the nodejs24.x runtime.
 */
export const lambdaBundleOptions = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node24",
  sourcemap: false,
  legalComments: "none",
  external: ["@electric-sql/pglite", "@aws-sdk/client-ssm"],
  // CommonJS dependencies (pino, postgres' helpers) call require(); ESM output needs one.
  banner: {
    js: "import{createRequire as __vcRequire}from'node:module';const require=__vcRequire(import.meta.url);",
  },
} as const satisfies BuildOptions;
