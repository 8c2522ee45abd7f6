import { randomBytes } from "node:crypto";
import type { DatabaseHandle } from "@voicecraft/core/db";
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
}

export interface CallResult {
  status: number;
  headers: Record<string, string>;
  cookies: string[];
  json: unknown;
}

/**
 * A test app: a fresh migrated database, real session keys, and the real handlers
 * invoked with API Gateway v2 events. Nothing is mocked.
 */
export async function startTestApp(settings: Record<string, string> = {}) {
  const database: DatabaseHandle = await createTestDatabase();
  const env = envFrom({
    STAGE: "local",
    SESSION_SIGNING_KEYS: `t1:${randomBytes(32).toString("base64url")}`,
    ...settings,
  });
  const runtime: Runtime = runtimeFrom(env, database.db);
  provideRuntime(runtime);

  return {
    db: database.db,
    runtime,
    close: () => database.close(),

    /** A cookie header for a fresh session of `userId`, minted by the real signing code. */
    async cookieFor(userId: string) {
      if (!runtime.sessionKeys) throw new Error("no session keys");
      const { token } = await createSession(database.db, runtime.sessionKeys, { userId });
      return `${sessionCookieName(env)}=${token}`;
    },

    async call(route: RouteDef, options: CallOptions = {}): Promise<CallResult> {
      const params = options.params ?? {};
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) throw new Error(`missing path parameter ${name}`);
        return encodeURIComponent(value);
      });
      const headers: Record<string, string> = { ...options.headers };
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
      });
      const lowered: Record<string, string> = {};
      for (const [k, v] of Object.entries(result.headers ?? {}))
        lowered[k.toLowerCase()] = String(v);
      return {
        status: result.statusCode ?? 200,
        headers: lowered,
        cookies: result.cookies ?? [],
        json: result.body ? JSON.parse(result.body) : undefined,
      };
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
