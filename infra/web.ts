import { Duration } from "aws-cdk-lib";
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  ResponseHeadersPolicy,
} from "aws-cdk-lib/aws-cloudfront";
import { type StackContext, StaticSite, use } from "sst/constructs";
import { dashboardCsp } from "../packages/core/src/security/index.ts";
import { API } from "./api.ts";
import { PREBUILT_WEB_CONTEXT, resolveStage } from "./stages.ts";

/** One year, the floor TR3 sets and the minimum the HSTS preload list accepts. */
export const HSTS_MAX_AGE_SECONDS = 31_536_000;

/** The dashboard: a static Astro build served by CloudFront, pointed at the API. */
export function Web({ app, stack }: StackContext): { site: StaticSite } {
  const { url: apiUrl } = use(API);
  const stage = resolveStage(app.stage);

  const headers = new ResponseHeadersPolicy(stack, "DashboardHeaders", {
    comment: `${app.stage} dashboard security headers`,
    securityHeadersBehavior: {
      // TR3 for the dashboard's host and below. `preload` takes effect only once the apex
      // domain is on the browsers' preload list; the header is ready for that.
      strictTransportSecurity: {
        accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
        includeSubdomains: true,
        preload: true,
        override: true,
      },
      contentSecurityPolicy: {
        // Both forms of the API URL (custom domain, execute-api endpoint) are bare origins.
        contentSecurityPolicy: dashboardCsp({ apiOrigin: apiUrl }),
        override: true,
      },
      contentTypeOptions: { override: true },
      frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.SAME_ORIGIN, override: true },
    },
  });

  const prebuilt: unknown = app.node.tryGetContext(PREBUILT_WEB_CONTEXT);
  const site = new StaticSite(stack, "Dashboard", {
    ...(typeof prebuilt === "string"
      ? { path: prebuilt }
      : {
          path: "packages/web",
          buildCommand: "npm run build -w @voicecraft/web",
          buildOutput: "dist",
        }),
    environment: { PUBLIC_API_URL: apiUrl },
    ...(stage.domains
      ? { customDomain: { domainName: stage.domains.app, hostedZone: stage.domains.zone } }
      : {}),
    cdk: { distribution: { defaultBehavior: { responseHeadersPolicy: headers } } },
  });

  stack.addOutputs({ SiteUrl: site.customDomainUrl ?? site.url });
  return { site };
}
