import fs from "node:fs";
import { isBuiltin } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Stack } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import { build } from "esbuild";
import { App } from "sst/constructs";
import { initProject } from "sst/project.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeKey } from "../packages/functions/src/http/route.ts";
import { SECRETS, SETTINGS, secretsFor } from "../packages/functions/src/http/secrets.ts";
import { routes } from "../packages/functions/src/routes.ts";
import sstConfig from "../sst.config.ts";
import { DOMAIN, PREBUILT_WEB_CONTEXT } from "./stages.ts";
import { HSTS_MAX_AGE_SECONDS } from "./web.ts";

// The stacks are synthesized the way `sst deploy` does it (initProject, App in "deploy"
// mode, sst.config's stacks(), app.finish()), minus everything that talks to AWS. In
// deploy mode app.finish() bundles every function with esbuild, so the handlers must exist.

const root = fileURLToPath(new URL("..", import.meta.url));
const ACCOUNT = "123456789012";
const STAGE = "ci";

interface Resource {
  Type: string;
  Properties: Record<string, unknown> & {
    Environment?: { Variables?: Record<string, unknown> };
  };
}
type Resources = Record<string, Resource>;

let scratch: string;
let stacks: Record<"Secrets" | "Database" | "API" | "Web", Template>;
let apiStack: Stack;
let databaseStack: Stack;
let outdir: string;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "voicecraft-infra-"));
  const web = path.join(scratch, "web");
  fs.mkdirSync(web);
  fs.writeFileSync(path.join(web, "index.html"), "<!doctype html><title>VoiceCraft</title>");
  // SST resolves handlers, copyFiles and site paths against the working directory.
  process.chdir(root);

  const synth = await synthesize(STAGE);
  outdir = synth.outdir;
  apiStack = synth.stack("API");
  databaseStack = synth.stack("Database");
  stacks = {
    Secrets: Template.fromStack(synth.stack("Secrets")),
    Database: Template.fromStack(databaseStack),
    API: Template.fromStack(apiStack),
    Web: Template.fromStack(synth.stack("Web")),
  };
});

afterAll(() => {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe("API: the route table is the API", () => {
  it("makes every route exactly one API Gateway route, integrated with its own function", () => {
    const wired = routeFunctions(stacks.API);
    const keys = wired.map((route) => route.key);

    expect(keys.toSorted()).toEqual(routes.map(routeKey).toSorted());
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(wired.map((route) => route.functionId)).size).toBe(routes.length);
  });

  it("gives each route's function its own handler, on nodejs24.x and arm64", () => {
    const byKey = new Map(routeFunctions(stacks.API).map((route) => [route.key, route.fn]));
    for (const route of routes) {
      const fn = byKey.get(routeKey(route));
      expect(fn?.Properties.Handler, routeKey(route)).toBe(
        `packages/functions/src/${route.handler}.handler`,
      );
      expect(fn?.Properties.Runtime, routeKey(route)).toBe("nodejs24.x");
      expect(fn?.Properties.Architectures, routeKey(route)).toEqual(["arm64"]);
    }
  });

  it("has no function beyond the routes' own (apart from SST's custom-resource handler)", () => {
    const functions = stacks.API.findResources("AWS::Lambda::Function") as Resources;
    const ours = Object.values(functions).filter((fn) =>
      String(fn.Properties.Handler).startsWith("packages/"),
    );
    expect(ours).toHaveLength(routes.length);
    expect(Object.keys(stacks.API.findResources("AWS::ApiGatewayV2::Route"))).toHaveLength(
      routes.length,
    );
  });
});

describe("bundles", () => {
  it("load on Lambda: bundles statically import only what the nodejs24.x runtime has", async () => {
    // Lambda ships no node_modules beyond the runtime's own AWS SDK v3. Any other external
    // package imported statically (esbuild hoists such imports in ESM output, even from
    // code reached only through a dynamic import) fails the module at link time, before
    // any handler runs.
    const functions = [
      ...routeFunctions(stacks.API),
      ...Object.values(stacks.Database.findResources("AWS::Lambda::Function") as Resources)
        .filter((fn) => String(fn.Properties.Handler).startsWith("packages/"))
        .map((fn) => ({ key: String(fn.Properties.Handler), fn })),
    ];
    for (const { key, fn } of functions) {
      const code = fn.Properties.Code as { S3Key: string };
      const file = path.join(
        outdir,
        `asset.${code.S3Key.replace(/\.zip$/, "")}`,
        String(fn.Properties.Handler).replace(/\.handler$/, ".mjs"),
      );
      const { metafile } = await build({
        entryPoints: [file],
        bundle: true,
        write: false,
        metafile: true,
        platform: "node",
        format: "esm",
        external: ["*"],
        logLevel: "silent",
      });
      const imports = Object.values(metafile.inputs).flatMap((input) => input.imports);
      const staticPackages = imports
        .filter((entry) => entry.kind === "import-statement")
        .filter((entry) => !isBuiltin(entry.path) && !entry.path.startsWith("@aws-sdk/"))
        .map((entry) => entry.path);
      expect(staticPackages, key).toEqual([]);
    }
  });
});

describe("API: least-privilege secret bindings", () => {
  it("binds each function to exactly the secrets of secretsFor(route), in env and in IAM", () => {
    const byKey = new Map(routeFunctions(stacks.API).map((route) => [route.key, route]));
    for (const route of routes) {
      const wired = byKey.get(routeKey(route));
      if (!wired) throw new Error(`no function for ${routeKey(route)}`);
      const expected = secretsFor(route).toSorted();

      expect(boundSecretsFromEnv(wired.fn), routeKey(route)).toEqual(expected);
      expect(grantedSecrets(stacks.API, wired.fn, STAGE), routeKey(route)).toEqual(expected);
    }
  });

  it("keeps R2 credentials away from routes that do not use storage", () => {
    const byKey = new Map(routeFunctions(stacks.API).map((route) => [route.key, route.fn]));
    const agents = byKey.get("GET /orgs/{orgId}/agents");
    const health = byKey.get("GET /health");
    if (!agents || !health) throw new Error("route missing");

    expect(boundSecretsFromEnv(agents)).not.toContain("R2_SECRET_ACCESS_KEY");
    expect(grantedSecrets(stacks.API, agents, STAGE)).not.toContain("R2_ACCESS_KEY_ID");
    expect(boundSecretsFromEnv(health)).toEqual(
      expect.arrayContaining(["R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY"]),
    );
    expect(grantedSecrets(stacks.API, health, STAGE)).toEqual(
      expect.arrayContaining(["R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY"]),
    );
  });

  it("lets only routes that declare email send it, and only from the stage's address", () => {
    const byKey = new Map(routeFunctions(stacks.API).map((route) => [route.key, route.fn]));
    for (const route of routes) {
      const fn = byKey.get(routeKey(route));
      if (!fn) throw new Error(`no function for ${routeKey(route)}`);
      const statements = roleStatements(stacks.API, fn).filter((statement) =>
        [statement.Action].flat().some((action) => String(action).startsWith("ses:")),
      );
      if (!route.uses?.includes("email")) {
        expect(statements, routeKey(route)).toEqual([]);
        continue;
      }
      expect(statements, routeKey(route)).toHaveLength(1);
      expect(statements[0]).toMatchObject({
        Action: "ses:SendEmail",
        Effect: "Allow",
        Condition: { StringEquals: { "ses:FromAddress": `no-reply@${DOMAIN}` } },
      });
    }
  });

  it("gives every function the plain settings and never a secret's value", () => {
    for (const { key, fn } of routeFunctions(stacks.API)) {
      const env = fn.Properties.Environment?.Variables ?? {};
      for (const setting of SETTINGS) expect(env, key).toHaveProperty(setting);
      expect(env.STAGE, key).toBe(STAGE);
      expect(String(env.R2_ENDPOINT), key).toMatch(
        /^https:\/\/[0-9a-f]{32}\.r2\.cloudflarestorage\.com$/,
      );
      expect(env.R2_RECORDINGS_BUCKET, key).not.toBe(env.R2_KNOWLEDGE_BUCKET);
      for (const secret of SECRETS) expect(env, key).not.toHaveProperty(secret);
      for (const [name, value] of Object.entries(env)) {
        if (name.startsWith("SST_Secret_"))
          expect(value, `${key} ${name}`).toBe("__FETCH_FROM_SSM__");
      }
    }
  });

  it("declares one Config.Secret per name in SECRETS", () => {
    // Secrets are SSM parameters set out of band; the binding is all that is synthesized.
    const metadata = JSON.parse(
      String(stacks.Secrets.findOutputs("SSTMetadata").SSTMetadata?.Value),
    ) as { metadata: { type: string; data: { name: string } }[] };
    const declared = metadata.metadata
      .filter((construct) => construct.type === "Secret")
      .map((construct) => construct.data.name);
    expect(declared.toSorted()).toEqual([...SECRETS].toSorted());
  });
});

describe("Database: migrations on deploy", () => {
  it("runs one migration function, bound only to DATABASE_URL, on create and on update", () => {
    const functions = stacks.Database.findResources("AWS::Lambda::Function") as Resources;
    const migrate = Object.entries(functions).filter(
      ([, fn]) => fn.Properties.Handler === "packages/functions/src/jobs/migrate.handler",
    );
    expect(migrate).toHaveLength(1);
    const [[id, fn]] = migrate as [[string, Resource]];

    expect(fn.Properties.Runtime).toBe("nodejs24.x");
    expect(boundSecretsFromEnv(fn)).toEqual(["DATABASE_URL"]);
    expect(grantedSecrets(stacks.Database, fn, STAGE)).toEqual(["DATABASE_URL"]);
    stacks.Database.hasResourceProperties("Custom::SSTScript", {
      UserCreateFunction: { Ref: id },
      UserUpdateFunction: { Ref: id },
    });
  });

  it("ships the SQL migrations and their journal inside the function's bundle", () => {
    const functions = stacks.Database.findResources("AWS::Lambda::Function") as Resources;
    const fn = Object.values(functions).find(
      (candidate) => candidate.Properties.Handler === "packages/functions/src/jobs/migrate.handler",
    );
    const code = fn?.Properties.Code as { S3Key: string };
    const bundle = path.join(outdir, `asset.${code.S3Key.replace(/\.zip$/, "")}`);

    expect(fs.existsSync(path.join(bundle, "migrations", "meta", "_journal.json"))).toBe(true);
    const sql = fs.readdirSync(path.join(bundle, "migrations")).filter((f) => f.endsWith(".sql"));
    const source = fs
      .readdirSync(path.join(root, "packages/core/migrations"))
      .filter((f) => f.endsWith(".sql"));
    expect(sql.toSorted()).toEqual(source.toSorted());
  });

  it("deploys the API only after the migrations", () => {
    expect(apiStack.dependencies).toContain(databaseStack);
  });
});

describe("Web: the dashboard's response headers", () => {
  it("TR3: the dashboard sends HSTS for at least a year, with includeSubDomains and preload", () => {
    const hsts = dashboardHeaders(stacks.Web).StrictTransportSecurity as Record<string, unknown>;

    expect(Number(hsts.AccessControlMaxAgeSec)).toBeGreaterThanOrEqual(HSTS_MAX_AGE_SECONDS);
    expect(hsts.IncludeSubdomains).toBe(true);
    expect(hsts.Preload).toBe(true);
    expect(hsts.Override).toBe(true);
  });

  it("DP3: allows scripts, styles and connections from no third-party origin", () => {
    const policy = dashboardHeaders(stacks.Web).ContentSecurityPolicy as Record<string, unknown>;
    const csp = parseCsp(render(policy.ContentSecurityPolicy));
    const apiOrigin = /^\$\{ImportValue:.+\}$/;

    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["connect-src"]?.[0]).toBe("'self'");
    expect(csp["connect-src"]?.[1]).toMatch(apiOrigin);
    for (const [directive, sources] of Object.entries(csp)) {
      for (const source of sources) {
        expect(
          ["'self'", "'none'"].includes(source) || apiOrigin.test(source),
          `${directive} ${source}`,
        ).toBe(true);
      }
    }
  });

  it("denies framing and sniffing and limits the referrer", () => {
    const headers = dashboardHeaders(stacks.Web);
    expect(headers.FrameOptions).toMatchObject({ FrameOption: "DENY", Override: true });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.ReferrerPolicy).toMatchObject({ ReferrerPolicy: "same-origin" });
  });

  it("TR1: the dashboard's CDN redirects plain HTTP to HTTPS", () => {
    const behavior = distribution(stacks.Web).DefaultCacheBehavior as Record<string, unknown>;
    expect(behavior.ViewerProtocolPolicy).toBe("redirect-to-https");
  });
});

describe("Storage", () => {
  it("creates no AWS bucket but the dashboard's, and no lifecycle rule anywhere", () => {
    // Recordings and knowledge live in R2, reached through its S3 endpoint; deletion is
    // the application's job (SO5), so no bucket may expire objects on its own.
    const buckets = Object.values(stacks).flatMap(
      (template) => Object.values(template.findResources("AWS::S3::Bucket")) as Resource[],
    );
    expect(buckets).toHaveLength(1);
    for (const bucket of buckets) {
      expect(bucket.Properties).not.toHaveProperty("LifecycleConfiguration");
    }
  });
});

describe("stages", () => {
  it("allows no cross-origin call on a stage that does not know its dashboard origin", () => {
    const [api] = Object.values(stacks.API.findResources("AWS::ApiGatewayV2::Api")) as Resource[];
    expect(api?.Properties).not.toHaveProperty("CorsConfiguration");
  });

  it("serves production from api.<domain> and app.<domain>, CORS only from the dashboard", async () => {
    // Only the Web stack is active: the others keep their resources but skip bundling.
    const synth = await synthesize("production", (name) => name.endsWith("-Web"));
    const api = Template.fromStack(synth.stack("API"));
    const web = Template.fromStack(synth.stack("Web"));

    api.hasResourceProperties("AWS::ApiGatewayV2::DomainName", {
      DomainName: `api.${DOMAIN}`,
    });
    api.hasResourceProperties("AWS::ApiGatewayV2::Api", {
      DisableExecuteApiEndpoint: true,
      CorsConfiguration: {
        AllowOrigins: [`https://app.${DOMAIN}`],
        AllowCredentials: true,
      },
    });
    const config = distribution(web);
    expect(config.Aliases).toEqual([`app.${DOMAIN}`]);
    expect(config.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: "TLSv1.2_2021" });
    const csp = parseCsp(
      render(
        (dashboardHeaders(web).ContentSecurityPolicy as Record<string, unknown>)
          .ContentSecurityPolicy,
      ),
    );
    expect(csp["connect-src"]).toEqual(["'self'", `https://api.${DOMAIN}`]);
  });

  it("refuses to build the local stage, which runs with npm start", async () => {
    await initProject({ root, stage: "local" });
    const app = new App(
      { mode: "deploy", stage: "local", name: "voicecraft", region: "us-east-1", account: ACCOUNT },
      { outdir: fs.mkdtempSync(path.join(scratch, "cdk-")) },
    );

    await expect(async () => sstConfig.stacks(app)).rejects.toThrow(
      /"local" stage is not deployable/,
    );
    expect(app.node.children.filter((child) => Stack.isStack(child))).toHaveLength(0);
  });
});

async function synthesize(stage: string, isActiveStack?: (stackName: string) => boolean) {
  await initProject({ root, stage });
  const outdir = fs.mkdtempSync(path.join(scratch, "cdk-"));
  const app = new App(
    {
      mode: "deploy",
      stage,
      name: "voicecraft",
      region: "us-east-1",
      account: ACCOUNT,
      ...(isActiveStack ? { isActiveStack } : {}),
    },
    { outdir, context: { [PREBUILT_WEB_CONTEXT]: path.join(scratch, "web") } },
  );
  await sstConfig.stacks(app);
  await app.finish();
  return {
    outdir,
    stack(name: string): Stack {
      const stack = app.node.tryFindChild(`${stage}-voicecraft-${name}`);
      if (!stack || !Stack.isStack(stack)) throw new Error(`no stack ${name}`);
      return stack;
    },
  };
}

/** Each API Gateway route with the Lambda its integration targets. */
function routeFunctions(template: Template) {
  const integrations = template.findResources("AWS::ApiGatewayV2::Integration") as Resources;
  const functions = template.findResources("AWS::Lambda::Function") as Resources;
  return Object.values(template.findResources("AWS::ApiGatewayV2::Route") as Resources).map(
    (route) => {
      const integrationId = /^integrations\/\$\{(.+)\}$/.exec(render(route.Properties.Target))?.[1];
      const integration = integrationId ? integrations[integrationId] : undefined;
      const uri = integration?.Properties.IntegrationUri as { "Fn::GetAtt"?: [string, string] };
      const functionId = uri?.["Fn::GetAtt"]?.[0];
      const fn = functionId ? functions[functionId] : undefined;
      if (!functionId || !fn)
        throw new Error(`route ${String(route.Properties.RouteKey)} has no function`);
      return { key: String(route.Properties.RouteKey), functionId, fn };
    },
  );
}

/** Secrets bound the SST v2 way: an `SST_Secret_value_<NAME>` placeholder in the env. */
function boundSecretsFromEnv(fn: Resource): string[] {
  return Object.keys(fn.Properties.Environment?.Variables ?? {})
    .map((name) => /^SST_Secret_value_(.+)$/.exec(name)?.[1])
    .filter((name): name is string => name !== undefined)
    .toSorted();
}

/**
 * Secrets whose SSM parameters the function's role may read. Any other SSM grant fails
 * the test, so a wildcard or a stray parameter cannot hide behind the right names.
 */
function grantedSecrets(template: Template, fn: Resource, stage: string): string[] {
  const names = new Set<string>();
  for (const statement of roleStatements(template, fn)) {
    const actions = [statement.Action].flat().map(String);
    if (!actions.some((action) => action.startsWith("ssm:"))) continue;
    expect(actions).toEqual(["ssm:GetParameters"]);
    expect(statement.Effect).toBe("Allow");
    for (const resource of [statement.Resource].flat().map(render)) {
      const match = new RegExp(
        `:parameter/sst/voicecraft/(?:${stage}|\\.fallback)/Secret/([A-Za-z0-9_]+)/value$`,
      ).exec(resource);
      expect(match, resource).not.toBeNull();
      if (match?.[1]) names.add(match[1]);
    }
  }
  return [...names].toSorted();
}

/** Every IAM statement attached to a function's role. */
function roleStatements(template: Template, fn: Resource): Record<string, unknown>[] {
  const role = (fn.Properties.Role as { "Fn::GetAtt": [string, string] })["Fn::GetAtt"][0];
  return Object.values(template.findResources("AWS::IAM::Policy") as Resources)
    .filter((policy) =>
      (policy.Properties.Roles as unknown[]).some((ref) => (ref as { Ref?: string }).Ref === role),
    )
    .flatMap(
      (policy) =>
        (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
}

function distribution(template: Template): Record<string, unknown> {
  const [cdn] = Object.values(template.findResources("AWS::CloudFront::Distribution") as Resources);
  return cdn?.Properties.DistributionConfig as Record<string, unknown>;
}

/** The security headers of the policy attached to the dashboard's default behavior. */
function dashboardHeaders(template: Template): Record<string, unknown> {
  const behavior = distribution(template).DefaultCacheBehavior as {
    ResponseHeadersPolicyId: { Ref: string };
  };
  const policy = template.findResources("AWS::CloudFront::ResponseHeadersPolicy")[
    behavior.ResponseHeadersPolicyId.Ref
  ] as Resource;
  const config = policy.Properties.ResponseHeadersPolicyConfig as Record<string, unknown>;
  return config.SecurityHeadersConfig as Record<string, unknown>;
}

function parseCsp(policy: string): Record<string, string[]> {
  return Object.fromEntries(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name, sources]),
  );
}

/** A CloudFormation value as a string, with references shown as `${...}`. */
function render(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null) return String(value);
  const fn = value as Record<string, unknown>;
  if (Array.isArray(fn["Fn::Join"])) {
    const [separator, parts] = fn["Fn::Join"] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  if (typeof fn.Ref === "string") return `\${${fn.Ref}}`;
  if (Array.isArray(fn["Fn::GetAtt"])) return `\${${(fn["Fn::GetAtt"] as string[]).join(".")}}`;
  if ("Fn::ImportValue" in fn) return `\${ImportValue:${render(fn["Fn::ImportValue"])}}`;
  return JSON.stringify(value);
}
