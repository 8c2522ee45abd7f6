import { randomBytes } from "node:crypto";
import { argon2idHasher } from "@voicecraft/core/auth";
import type { DatabaseHandle } from "@voicecraft/core/db";
import { createOutboxMailer } from "@voicecraft/core/email";
import { createSession } from "@voicecraft/core/session";
import { createTestDatabase } from "@voicecraft/core/test/database";
import { envFrom } from "../src/http/config.ts";
import { sessionCookieName } from "../src/http/cookies.ts";
import type { RouteDef } from "../src/http/route.ts";
import { provideRuntime, type Runtime, runtimeFrom } from "../src/http/runtime.ts";
import { invokeRoute } from "../src/local/invoke.ts";

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A raw body, sent as is (for malformed-input tests). */
  rawBody?: string;
  cookie?: string;
  headers?: Record<string, string>;
  /** The client IP API Gateway reports; by default a new one per call (see below). */
  ip?: string;
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  json: unknown;
  /** The body as sent, for answers that are not JSON (TwiML, handshake echoes). */
  text: string | undefined;
}

/**
 * A test app: a fresh migrated database, real session keys, and the real handlers
 * invoked with API Gateway v2 events. Nothing is mocked.
 */
export const DASHBOARD = "http://localhost:3000";

/** argon2id at a trivial cost: the real algorithm and format, fast enough for tests. */
export const fastHasher = argon2idHasher({ memoryKiB: 256, passes: 1, parallelism: 1 });

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let ipCounter = 0;
/** A fresh private-range IP, so per-IP limits only bite in tests that aim for them. */
function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export async function startTestApp(settings: Record<string, string> = {}) {
  const database: DatabaseHandle = await createTestDatabase();
  const env = envFrom({
    STAGE: "local",
    SESSION_SIGNING_KEYS: `t1:${randomBytes(32).toString("base64url")}`,
    DASHBOARD_ORIGIN: DASHBOARD,
    ...settings,
  });
  const outbox = createOutboxMailer();
  const runtime: Runtime = {
    ...runtimeFrom(env, database.db),
    mailer: outbox,
    passwordHasher: fastHasher,
    uniformAnswerMs: 0,
  };
  provideRuntime(runtime);

  return {
    db: database.db,
    runtime,
    outbox,
    close: () => database.close(),

    /** A cookie header for a fresh session of `userId`, minted by the real signing code. */
    async cookieFor(userId: string) {
      if (!runtime.sessionKeys) throw new Error("no session keys");
      const { token } = await createSession(database.db, runtime.sessionKeys, { userId });
      return `${sessionCookieName(env)}=${token}`;
    },

    async call(route: RouteDef, options: CallOptions = {}): Promise<CallResult> {
      // The runtime is per process; a test that starts a second app must not leave its
      // runtime behind for this one.
      provideRuntime(runtime);
      const params = options.params ?? {};
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`missing path parameter ${name}`);
        return encodeURIComponent(value);
      });
      // A browser on the dashboard sends Origin with every state-changing request.
      const headers: Record<string, string> = {
        ...(UNSAFE.has(route.method) ? { origin: DASHBOARD } : {}),
        ...options.headers,
      };
      if (options.cookie) headers.cookie = options.cookie;
      let body: string | undefined = options.rawBody;
      if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers["content-type"] ??= "application/json";
      }
      const result = await invokeRoute(route, {
        method: route.method,
        path,
        rawQuery: new URLSearchParams(options.query ?? {}).toString(),
        headers,
        body,
        pathParameters: params,
        sourceIp: options.ip ?? nextIp(),
      });
      const lowered: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.headers ?? {}))
        lowered[k.toLowerCase()] = String(v);
      return {
        status: result.statusCode ?? 200,
        headers: lowered,
        cookies: result.cookies ?? [],
        json:
          result.body && lowered["content-type"]?.startsWith("application/json")
            ? JSON.parse(result.body)
            : undefined,
        text: result.body,
      };
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
