import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authChangePassword,
  authForgotPassword,
  authResetPassword,
  authSignIn,
  authSignUp,
  authVerifyEmail,
} from "../src/routes.ts";
import { type CallResult, startTestApp, type TestApp } from "./app.ts";
import { captureLogs } from "./logs.ts";

// AU2: a password is never logged, echoed, put in a URL or returned; the same goes for
// verification codes and reset tokens. Every flow runs with logging at debug (so each SQL
// statement is logged too), then the log, the responses and every table are searched.

let app: TestApp;
let logs: ReturnType<typeof captureLogs>;

beforeAll(async () => {
  app = await startTestApp();
  logs = captureLogs();
});

afterAll(async () => {
  logs.restore();
  await app.close();
});

async function allRows(): Promise<string> {
  const result = await app.db.execute<{ dump: string }>(sql`
    select string_agg(t::text, E'\n') as dump from (
      select row_to_json(u)::text as t from users u
      union all select row_to_json(e)::text from email_verifications e
      union all select row_to_json(r)::text from password_resets r
      union all select row_to_json(a)::text from auth_events a
      union all select row_to_json(s)::text from sessions s
    ) rows`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
    dump: string | null;
  }[];
  return rows[0]?.dump ?? "";
}

describe("secrets at rest and in logs", () => {
  it("AU2: passwords, codes and reset tokens never reach a log line, a response or a table in clear", async () => {
    const email = "secretive@example.test";
    const first = "first secret passphrase alpha";
    const second = "second secret passphrase bravo";
    const third = "third secret passphrase charlie";
    const wrong = "wrong secret passphrase delta";
    const responses: CallResult[] = [];
    const call: TestApp["call"] = async (route, options) => {
      const res = await app.call(route, options);
      responses.push(res);
      return res;
    };

    await call(authSignUp, { body: { email, password: first, name: "S", orgName: "S" } });
    const code = /\b(\d{6})\b/.exec(app.outbox.latest(email, "verification_code")?.text ?? "")?.[1];
    if (!code) throw new Error("no code");
    const verified = await call(authVerifyEmail, { body: { email, code } });
    const cookie = verified.cookies[0]?.split(";")[0] ?? "";
    await call(authSignIn, { body: { email, password: wrong } });
    await call(authSignIn, { body: { email, password: first } });
    await call(authChangePassword, {
      cookie,
      body: { currentPassword: first, newPassword: second },
    });
    await call(authForgotPassword, { body: { email } });
    const token = /token=([A-Za-z0-9_-]+)/.exec(
      app.outbox.latest(email, "password_reset")?.text ?? "",
    )?.[1];
    if (!token) throw new Error("no token");
    await call(authResetPassword, { body: { token, password: "weakpw1" } });
    await call(authResetPassword, { body: { token, password: third } });
    await call(authSignIn, { body: { email, password: third } });

    expect(responses.map((r) => r.status)).toEqual([202, 200, 401, 200, 204, 202, 400, 204, 200]);
    const secrets = [first, second, third, wrong, code, token, "weakpw1"];
    const logged = logs.lines.join("");
    expect(logs.lines.length).toBeGreaterThan(20);
    const answered = responses.map((r) => JSON.stringify(r)).join("\n");
    const stored = await allRows();
    for (const secret of secrets) {
      expect(logged, "log").not.toContain(secret);
      expect(answered, "responses").not.toContain(secret);
      expect(stored, "tables").not.toContain(secret);
    }
  });
});
