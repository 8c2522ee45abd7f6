import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { Api, type ApiFunctionRouteProps, dependsOn, type StackContext, use } from "sst/constructs";
import { routeKey } from "../packages/functions/src/http/route.ts";
import { secretsFor } from "../packages/functions/src/http/secrets.ts";
import { routes } from "../packages/functions/src/routes.ts";
import { Database } from "./database.ts";
import { Secrets } from "./secrets.ts";
import { resolveStage } from "./stages.ts";

/** The HTTP API: one Lambda per entry of the route table, and nothing else. */
export function API({ app, stack }: StackContext): { api: Api; url: string } {
  const secrets = use(Secrets);
  // Migrations run before any function that expects the new schema is updated.
  dependsOn(Database);
  const stage = resolveStage(app.stage);

  const api = new Api(stack, "Api", {
    ...(stage.domains
      ? { customDomain: { domainName: stage.domains.api, hostedZone: stage.domains.zone } }
      : {}),
    // Session cookies are SameSite=Lax and the dashboard is its only browser client, so
    // credentialed cross-origin calls are allowed from that one origin, and none is
    // allowed until a stage knows its dashboard origin.
    cors: stage.dashboardOrigin
      ? {
          allowOrigins: [stage.dashboardOrigin],
          allowCredentials: true,
          allowMethods: [...new Set(routes.map((route) => route.method))],
          allowHeaders: ["content-type"],
          // Not CORS-safelisted, so the dashboard could not read them otherwise.
          exposeHeaders: ["x-request-id", "retry-after"],
          maxAge: "10 minutes",
        }
      : false,
    cdk: {
      // With a custom domain, the execute-api hostname would be a second address for the
      // same API, outside the domain that HSTS, the CSP and the cookies name.
      httpApi: { disableExecuteApiEndpoint: stage.domains !== undefined },
    },
    defaults: {
      function: { runtime: "nodejs24.x", environment: { ...stage.settings } },
    },
    routes: Object.fromEntries(
      routes.map((route): [string, ApiFunctionRouteProps] => [
        routeKey(route),
        {
          function: {
            handler: `packages/functions/src/${route.handler}.handler`,
            // Each function gets only the secrets its route needs, so a compromised
            // function exposes as little as possible.
            bind: secretsFor(route).map((name) => secrets[name]),
            // Email goes out through SES, authorized by the role rather than a secret, and
            // only from the stage's own sender address.
            ...(route.uses?.includes("email")
              ? {
                  permissions: [
                    new PolicyStatement({
                      actions: ["ses:SendEmail"],
                      resources: ["*"],
                      conditions: {
                        StringEquals: { "ses:FromAddress": stage.emailFromAddress },
                      },
                    }),
                  ],
                }
              : {}),
          },
        },
      ]),
    ),
  });

  const url = api.customDomainUrl ?? api.url;
  stack.addOutputs({ ApiUrl: url });
  return { api, url };
}
