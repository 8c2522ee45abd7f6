import type { SettingName } from "../packages/functions/src/http/secrets.ts";

/** The apex domain. Its Route 53 hosted zone must exist in the deploying account. */
export const DOMAIN = "voicecraft.app";

/**
 * A CDK context key naming a directory that already holds the built dashboard. When set,
 * the dashboard is not rebuilt during synthesis: CI can build it in an earlier step, and
 * the offline infra test uses it so that it does not depend on the web package building.
 */
export const PREBUILT_WEB_CONTEXT = "voicecraft:prebuiltWeb";

/** What differs between deployed stages. */
export interface StageConfig {
  /**
   * Serves the API at `api.<domain>` and the dashboard at `app.<domain>`; must lie within
   * `DOMAIN`, whose hosted zone receives the records.
   */
  readonly domain?: string;
  /**
   * For a stage without a custom domain: the dashboard's CloudFront origin. The dashboard
   * is built with the API's URL, so the API cannot take the dashboard's generated URL from
   * the same deploy (CloudFormation would see a cycle). Deploy once, copy the `SiteUrl`
   * output here and deploy again; until then the API accepts no cross-origin request.
   */
  readonly dashboardOrigin?: string;
}

/** Stages other than `production` that get custom domains or a known dashboard origin. */
export const STAGES: Readonly<Record<string, StageConfig>> = {
  staging: { domain: `staging.${DOMAIN}` },
};

/** The stage that `npm start` runs; it never deploys. */
export const LOCAL_STAGE = "local";

/** A stage's configuration, resolved: its domains and the settings its functions get. */
export interface ResolvedStage {
  readonly stage: string;
  /** Present when the stage serves from `api.<domain>` and `app.<domain>`. */
  readonly domains?: { readonly api: string; readonly app: string; readonly zone: string };
  /** Empty when a stage without a custom domain has not been told its dashboard origin. */
  readonly dashboardOrigin: string;
  /** The address every email of the stage is sent from; SES may send from it only. */
  readonly emailFromAddress: string;
  /** Every plain setting a function receives (`SETTINGS`), as environment variables. */
  readonly settings: Readonly<Record<SettingName, string>>;
}

/**
 * Refuses the local stage: it runs through `npm start` against PGlite and s3rver, and a
 * deploy named `local` would share SSM paths and resource names with nothing real.
 */
export function assertDeployable(stage: string): void {
  if (stage === LOCAL_STAGE) {
    throw new Error(
      `The "${LOCAL_STAGE}" stage is not deployable: it runs on this machine with \`npm start\`. ` +
        "Pass another stage, for example `--stage production`.",
    );
  }
}

/**
 * Resolves one stage. `env` supplies the Cloudflare account id (`CLOUDFLARE_ACCOUNT_ID`):
 * not a secret, but account-specific, so it comes from the deploy environment (or the
 * `.env.<stage>` file SST loads) rather than from this repository.
 */
export function resolveStage(
  stage: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedStage {
  assertDeployable(stage);
  const config = stage === "production" ? { domain: DOMAIN } : (STAGES[stage] ?? {});
  const domains = config.domain
    ? { api: `api.${config.domain}`, app: `app.${config.domain}`, zone: DOMAIN }
    : undefined;
  const dashboardOrigin = domains ? `https://${domains.app}` : (config.dashboardOrigin ?? "");

  // R2 bucket names allow lower-case letters, digits and hyphens only.
  const bucketPrefix = `voicecraft-${stage.toLowerCase()}`;
  const emailFromAddress = `no-reply@${config.domain ?? DOMAIN}`;
  return {
    stage,
    ...(domains ? { domains } : {}),
    dashboardOrigin,
    emailFromAddress,
    settings: {
      STAGE: stage,
      DASHBOARD_ORIGIN: dashboardOrigin,
      R2_ENDPOINT: r2Endpoint(env.CLOUDFLARE_ACCOUNT_ID),
      // SO1: recordings and knowledge documents never share a bucket.
      R2_RECORDINGS_BUCKET: `${bucketPrefix}-recordings`,
      R2_KNOWLEDGE_BUCKET: `${bucketPrefix}-knowledge`,
      EMAIL_FROM: `VoiceCraft <${emailFromAddress}>`,
      // Empty on generated-URL stages: the API learns its URL from API Gateway's request
      // context (a function cannot name its own API's URL without a CloudFormation cycle).
      API_URL: domains ? `https://${domains.api}` : "",
      // The OAuth client id is public; its secret is the GOOGLE_CLIENT_SECRET secret.
      GOOGLE_CLIENT_ID: env.GOOGLE_CLIENT_ID ?? "",
      GOOGLE_ISSUER: "https://accounts.google.com",
      // The voice runtime's media-stream endpoint (wss://…); it runs outside this app.
      VOICE_RUNTIME_STREAM_URL: env.VOICE_RUNTIME_STREAM_URL ?? "",
      // Our Entra app id: the audience of the JWTs in Graph's rich notifications.
      MICROSOFT_APP_ID: env.MICROSOFT_APP_ID ?? "",
      // Read on the local stage only (tests serve their own keys); deployed, Microsoft's.
      MICROSOFT_GRAPH_JWKS_URL: "",
    },
  };
}

function r2Endpoint(accountId: string | undefined): string {
  if (!accountId || !/^[0-9a-f]{32}$/.test(accountId)) {
    throw new Error(
      "CLOUDFLARE_ACCOUNT_ID must be the 32-character Cloudflare account id that owns the " +
        "R2 buckets; set it in the deploy environment or in .env.<stage>.",
    );
  }
  return `https://${accountId}.r2.cloudflarestorage.com`;
}
