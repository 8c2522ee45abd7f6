import type { SSTConfig } from "sst";
import { API } from "./infra/api.ts";
import { Database } from "./infra/database.ts";
import { Secrets } from "./infra/secrets.ts";
import { assertDeployable } from "./infra/stages.ts";
import { Web } from "./infra/web.ts";
import { lambdaBundleOptions } from "./packages/functions/bundle.ts";

/** SST v2 app: secrets, the migration step, the API and the dashboard. */
export default {
  config() {
    // us-east-1 is where CloudFront requires its certificates, so nothing spans regions.
    return { name: "voicecraft", region: "us-east-1" };
  },
  stacks(app) {
    assertDeployable(app.stage);
    // Deployed bundles match what `npm run build -w @voicecraft/functions` measures. SST
    // keeps its own banner, which already defines `require` for CommonJS dependencies.
    app.setDefaultFunctionProps({
      runtime: "nodejs24.x",
      architecture: "arm_64",
      nodejs: {
        format: "esm",
        minify: true,
        esbuild: {
          target: lambdaBundleOptions.target,
          legalComments: lambdaBundleOptions.legalComments,
          external: [...lambdaBundleOptions.external],
        },
      },
    });
    app.stack(Secrets).stack(Database).stack(API).stack(Web);
  },
} satisfies SSTConfig;
