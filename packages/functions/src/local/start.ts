import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import type { Server } from "node:http";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openDatabase } from "@voicecraft/core/db";
import { createOutboxMailer, type OutboxMailer } from "@voicecraft/core/email";
import { log } from "@voicecraft/core/log";
import { createStorage } from "@voicecraft/core/storage";
import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { envFrom } from "../http/config.ts";
import { provideRuntime, runtimeFrom } from "../http/runtime.ts";
import { portOf, startGateway } from "./gateway.ts";
import { mailboxRoutes } from "./mailbox.ts";
import { startLocalS3 } from "./s3.ts";
import { localSecrets } from "./secrets.ts";
import { DEMO_PASSWORD, type DemoOrg, seedDemoOrg } from "./seed.ts";

// `npm start`: the whole product on this machine. Embedded defaults (PGlite, a local
// S3 server, generated secrets) unless DATABASE_URL or R2_* point at the real thing.

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const webDir = join(root, "packages/web");

export interface LocalPlatformOptions {
  dataDir: string;
  /** Gateway port; 0 picks a free one. */
  port: number;
  /** Local S3 server port; 0 picks a free one. */
  s3Port: number;
  /** Environment overrides (DATABASE_URL, R2_*, secrets). */
  env: Record<string, string>;
  /** Rebuild the dashboard when its sources are newer than dist/. */
  buildWeb: boolean;
  /** The built dashboard to serve; packages/web/dist by default. */
  webRoot?: string;
}

export interface LocalPlatform {
  url: string;
  demo: DemoOrg;
  database: "pglite" | "postgres";
  s3Endpoint: string | null;
  /** Every email the platform sent; also shown at `/__local/mailbox`. */
  outbox: OutboxMailer;
  close(): Promise<void>;
}

/** Starts everything `npm start` runs; tests start it too, on free ports. */
export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  const { dataDir } = options;
  await mkdir(dataDir, { recursive: true });
  const secrets = await localSecrets(dataDir);
  const env = envFrom({
    // Where a voice runtime on this machine would take the media stream; TwiML names it.
    VOICE_RUNTIME_STREAM_URL: "ws://127.0.0.1:8765/media",
    ...secrets,
    ...options.env,
    STAGE: "local",
  });

  const [database, s3] = await Promise.all([
    openDatabase({
      url: env.secret("DATABASE_URL"),
      dataDir: join(dataDir, "pglite"),
      maxConnections: 10,
    }),
    env.setting("R2_ENDPOINT")
      ? null
      : startLocalS3({
          port: options.s3Port,
          directory: join(dataDir, "s3"),
          buckets: { recordings: "voicecraft-recordings", knowledge: "voicecraft-knowledge" },
        }),
  ]);
  await database.migrate();

  const storage = s3
    ? createStorage({ ...s3, forcePathStyle: true })
    : createStorage({
        endpoint: env.setting("R2_ENDPOINT") ?? "",
        accessKeyId: env.secret("R2_ACCESS_KEY_ID") ?? "",
        secretAccessKey: env.secret("R2_SECRET_ACCESS_KEY") ?? "",
        buckets: {
          recordings: env.setting("R2_RECORDINGS_BUCKET") ?? "voicecraft-recordings",
          knowledge: env.setting("R2_KNOWLEDGE_BUCKET") ?? "voicecraft-knowledge",
        },
      });
  // Email stays on this machine: kept in the data folder and shown at /__local/mailbox.
  const outbox = createOutboxMailer({ file: join(dataDir, "outbox.jsonl") });
  const runtime = { ...runtimeFrom(env, database.db), storage, mailer: outbox };
  provideRuntime(runtime);

  const demo = await seedDemoOrg(database.db);
  if (options.buildWeb) await buildWebIfStale();

  const gateway: Server = await startGateway({
    port: options.port,
    webRoot: options.webRoot ?? join(webDir, "dist"),
    localRoutes: {
      ...mailboxRoutes(outbox),
    },
  });
  const url = `http://localhost:${portOf(gateway)}`;

  return {
    url,
    demo,
    database: database.driver,
    s3Endpoint: s3?.endpoint ?? null,
    outbox,
    async close() {
      await new Promise<void>((resolve) => {
        gateway.close(() => resolve());
        gateway.closeAllConnections();
      });
      await Promise.all([s3?.close(), database.close()]);
    },
  };
}

async function main() {
  assertNodeMajor();
  const dataDir = process.env.VOICECRAFT_DATA_DIR ?? join(root, ".data");
  const platform = await startLocalPlatform({
    dataDir,
    port: Number(process.env.PORT ?? 3000),
    s3Port: Number(process.env.S3_PORT ?? 4569),
    env: definedEnv(),
    buildWeb: true,
  });
  const { url, demo } = platform;

  process.stdout.write(
    [
      "",
      "VoiceCraft is running (stage: local)",
      `  dashboard   ${url}/`,
      `  API         ${url}/api  (health: ${url}/api/health)`,
      `  security    ${url}/security`,
      `  database    ${platform.database === "pglite" ? `PGlite in ${join(dataDir, "pglite")}` : "PostgreSQL (DATABASE_URL)"}`,
      `  storage     ${platform.s3Endpoint ? `local S3 at ${platform.s3Endpoint}, data in ${join(dataDir, "s3")}` : "R2 (R2_ENDPOINT)"}`,
      `  mailbox     ${url}/__local/mailbox  (email is kept here, not sent)`,
      `  demo org    Bright Smile Dental (${demo.created ? "seeded now" : "already seeded"})`,
      `  sign in at  ${url}/sign-in/ with the password "${DEMO_PASSWORD}" as:`,
      ...(["owner", "admin", "member"] as const).map(
        (role) => `    ${role.padEnd(7)} ${demo.users[role].email}`,
      ),
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ event: "local.stopping", signal });
    await platform.close();
    log.info({ event: "local.stopped" });
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

function definedEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

/** Builds the dashboard when dist/ is missing or older than anything it is built from. */
async function buildWebIfStale() {
  const built = join(webDir, "dist/index.html");
  const sources = [join(webDir, "src"), join(webDir, "public"), join(root, "packages/core/src")];
  const newest = Math.max(...sources.map(newestMtime), statMtime(join(webDir, "astro.config.ts")));
  if (existsSync(built) && statMtime(built) >= newest) return;
  log.info({ event: "local.web_build" }, "building the dashboard");
  await new Promise<void>((resolve, reject) => {
    const child = spawn("npm", ["run", "build", "-w", "@voicecraft/web"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`web build exited ${code}`)),
    );
  });
}

function statMtime(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statMtime(join(entry.parentPath, entry.name)));
  }
  return newest;
}

// Run only as the entry point, so tests can import startLocalPlatform.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    log.error({ event: "local.start_failed", err: error });
    process.exit(1);
  });
}
