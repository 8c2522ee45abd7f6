import { argon2idHasher } from "@voicecraft/core/auth";
import { authEvents, emailVerifications, sessions, users } from "@voicecraft/core/db/schema";
import { insertUser } from "@voicecraft/core/seed";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authChangePassword,
  authForgotPassword,
  authResendVerification,
  authResetPassword,
  authSignIn,
  authSignOut,
  authSignOutEverywhere,
  authSignUp,
  authVerifyEmail,
  meGet,
} from "../src/routes.ts";
import { type CallResult, startTestApp, type TestApp } from "./app.ts";

let app: TestApp;
let counter = 0;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(() => app.close());

const PASSWORD = "correct horse battery staple";

/** A fresh address per test, so tests never share an account or a rate-limit bucket. */
function newEmail(label: string) {
  counter += 1;
  return `${label}-${counter}-${Date.now()}@example.test`;
}

function codeFor(email: string): string {
  const message = app.outbox.latest(email, "verification_code");
  const code = /\b(\d{6})\b/.exec(message?.text ?? "")?.[1];
  if (!code) throw new Error(`no verification code mailed to ${email}`);
  return code;
}

function cookieOf(res: CallResult): string {
  const header = res.cookies.find((cookie) => cookie.startsWith("vc_session="));
  if (!header) throw new Error("no session cookie");
  return header.split(";")[0] ?? "";
}

async function signUpAndVerify(email: string, password = PASSWORD) {
  const up = await app.call(authSignUp, {
    body: { email, password, name: "Dana", orgName: "Bright Smile" },
  });
  expect(up.status).toBe(202);
  const verified = await app.call(authVerifyEmail, { body: { email, code: codeFor(email) } });
  expect(verified.status).toBe(200);
  return cookieOf(verified);
}

async function eventsOf(email: string) {
  const [user] = await app.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!user) return [];
  return app.db
    .select({ type: authEvents.type, outcome: authEvents.outcome, reason: authEvents.reason })
    .from(authEvents)
    .where(eq(authEvents.userId, user.id))
    .orderBy(authEvents.id);
}

describe("sign-up and email verification", () => {
  it("AU1: a new account verifies its email with the mailed code and gets a session", async () => {
    const email = newEmail("new");
    const up = await app.call(authSignUp, {
      body: { email, password: PASSWORD, name: "Dana", orgName: "Bright Smile" },
    });
    expect(up).toMatchObject({ status: 202, json: { status: "verification_sent" } });
    expect(up.cookies).toEqual([]);

    // Unverified: signing in is refused with a clear code, and a fresh code goes out.
    const early = await app.call(authSignIn, { body: { email, password: PASSWORD } });
    expect(early).toMatchObject({ status: 403, json: { error: { code: "EMAIL_NOT_VERIFIED" } } });

    const verified = await app.call(authVerifyEmail, { body: { email, code: codeFor(email) } });
    expect(verified.status).toBe(200);
    expect(verified.json).toMatchObject({
      user: { email, name: "Dana" },
      memberships: [{ orgName: "Bright Smile", role: "owner" }],
    });
    const me = await app.call(meGet, { cookie: cookieOf(verified) });
    expect(me.status).toBe(200);

    expect((await eventsOf(email)).map((e) => `${e.type}:${e.outcome}`)).toEqual([
      "sign_up:success",
      "sign_in:failure",
      "email_verification:success",
    ]);
  });

  it("AD1: auth events carry IP, user agent and approximate location from the edge", async () => {
    const email = newEmail("origin");
    await app.call(authSignUp, {
      body: { email, password: PASSWORD, name: "Dana", orgName: "Bright Smile" },
      ip: "127.0.0.1",
      headers: {
        "user-agent": "Mozilla/5.0 (VoiceCraft test)",
        "cloudfront-viewer-country": "US",
        "cloudfront-viewer-country-region": "CA",
        "cloudfront-viewer-city": "San Francisco",
      },
    });
    const [event] = await app.db
      .select()
      .from(authEvents)
      .innerJoin(users, eq(users.id, authEvents.userId))
      .where(eq(users.email, email));
    expect(event?.auth_events).toMatchObject({
      type: "sign_up",
      outcome: "success",
      ip: "127.0.0.1",
      userAgent: "Mozilla/5.0 (VoiceCraft test)",
      country: "US",
      region: "CA",
      city: "San Francisco",
    });
  });

  it("AU2: refuses short, common and email-derived passwords, naming the rule only", async () => {
    const email = newEmail("weakling");
    const cases = [
      ["too short pw", "at least 15"],
      ["1234567890123456", "too common"],
      ["aaaaaaaaaaaaaaaaaaaa", "too common"],
      [`${email.split("@")[0]}`, "email"],
    ] as const;
    for (const [password, rule] of cases) {
      const res = await app.call(authSignUp, {
        body: { email, password, name: "W", orgName: "W" },
      });
      expect(res.status, password).toBe(400);
      const error = (res.json as { error: { code: string; fields: Record<string, string[]> } })
        .error;
      expect(error.code).toBe("WEAK_PASSWORD");
      expect(error.fields["body.password"]?.join(" ")).toContain(rule);
      expect(JSON.stringify(res.json)).not.toContain(password);
    }
    expect(await app.db.$count(users, eq(users.email, email))).toBe(0);
  });

  it("answers a sign-up for a registered address exactly like a new one, and tells the owner", async () => {
    const email = newEmail("taken");
    await signUpAndVerify(email);
    const before = await app.db.$count(users);

    const again = await app.call(authSignUp, {
      body: { email: email.toUpperCase(), password: PASSWORD, name: "Eve", orgName: "Evil" },
    });
    const fresh = await app.call(authSignUp, {
      body: { email: newEmail("fresh"), password: PASSWORD, name: "New", orgName: "New" },
    });
    expect(again.status).toBe(fresh.status);
    expect(again.json).toEqual(fresh.json);
    expect(await app.db.$count(users)).toBe(before + 1);
    expect(app.outbox.latest(email)?.tag).toBe("sign_up_attempt");
  });

  it("kills a code after five wrong tries, even with the right one after", async () => {
    const email = newEmail("guesser");
    await app.call(authSignUp, {
      body: { email, password: PASSWORD, name: "G", orgName: "G" },
    });
    const code = codeFor(email);
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const res = await app.call(authVerifyEmail, { body: { email, code: wrong } });
      expect(res.json).toMatchObject({ error: { code: "INVALID_CODE" } });
    }
    const late = await app.call(authVerifyEmail, { body: { email, code } });
    expect(late).toMatchObject({ status: 400, json: { error: { code: "INVALID_CODE" } } });

    // A new code works, and only the newest one.
    await app.call(authResendVerification, { body: { email } });
    const second = codeFor(email);
    await app.call(authResendVerification, { body: { email } });
    const third = codeFor(email);
    if (second !== third) {
      const stale = await app.call(authVerifyEmail, { body: { email, code: second } });
      expect(stale.status).toBe(400);
    }
    const ok = await app.call(authVerifyEmail, { body: { email, code: third } });
    expect(ok.status).toBe(200);
  });

  it("expires a code after ten minutes and stores only its keyed hash", async () => {
    const email = newEmail("slow");
    await app.call(authSignUp, { body: { email, password: PASSWORD, name: "S", orgName: "S" } });
    const code = codeFor(email);
    const rows = await app.db.select().from(emailVerifications);
    expect(JSON.stringify(rows)).not.toContain(code);

    const realNow = app.runtime.now;
    app.runtime.now = () => new Date(Date.now() + 11 * 60 * 1000);
    try {
      const res = await app.call(authVerifyEmail, { body: { email, code } });
      expect(res).toMatchObject({ status: 400, json: { error: { code: "INVALID_CODE" } } });
    } finally {
      app.runtime.now = realNow;
    }
  });

  it("answers resend the same for unknown, unverified and verified addresses", async () => {
    const verified = newEmail("done");
    await signUpAndVerify(verified);
    const answers = await Promise.all(
      [newEmail("nobody"), verified].map((email) =>
        app.call(authResendVerification, { body: { email } }),
      ),
    );
    expect(answers[0]?.status).toBe(202);
    expect(answers[0]?.json).toEqual(answers[1]?.json);
  });
});

describe("sign-in", () => {
  it("AU1: signs in with email and password; wrong password and unknown email answer alike", async () => {
    const email = newEmail("signin");
    await signUpAndVerify(email);

    const ok = await app.call(authSignIn, { body: { email, password: PASSWORD } });
    expect(ok.status).toBe(200);
    expect((await app.call(meGet, { cookie: cookieOf(ok) })).status).toBe(200);

    const wrong = await app.call(authSignIn, { body: { email, password: `${PASSWORD}!` } });
    const unknown = await app.call(authSignIn, {
      body: { email: newEmail("ghost"), password: PASSWORD },
    });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.cookies).toEqual([]);
    }
    const strip = (res: CallResult) => {
      const { requestId: _, ...rest } = (res.json as { error: Record<string, unknown> }).error;
      return rest;
    };
    expect(strip(wrong)).toEqual(strip(unknown));
    expect(strip(wrong)).toEqual({
      code: "INVALID_CREDENTIALS",
      message: "Wrong email or password.",
    });

    const reasons = (await eventsOf(email)).filter((e) => e.type === "sign_in");
    expect(reasons.map((e) => `${e.outcome}:${e.reason}`)).toEqual([
      "success:null",
      "failure:BAD_PASSWORD",
    ]);
  });

  it("TR2: the session cookie is HttpOnly, SameSite=Lax, and Secure with __Host- when deployed", async () => {
    const email = newEmail("cookie");
    await signUpAndVerify(email);
    const local = await app.call(authSignIn, { body: { email, password: PASSWORD } });
    const localCookie = local.cookies[0] ?? "";
    expect(localCookie).toMatch(/^vc_session=[^;]+; /);
    expect(localCookie).toContain("HttpOnly");
    expect(localCookie).toContain("SameSite=Lax");
    expect(localCookie).not.toContain("Secure");

    const deployed = await startTestApp({
      STAGE: "production",
      DASHBOARD_ORIGIN: "https://app.voicecraft.app",
    });
    try {
      const prodEmail = newEmail("prod");
      await deployed.call(authSignUp, {
        body: { email: prodEmail, password: PASSWORD, name: "P", orgName: "P" },
        headers: { origin: "https://app.voicecraft.app" },
      });
      const code = /\b(\d{6})\b/.exec(
        deployed.outbox.latest(prodEmail, "verification_code")?.text ?? "",
      )?.[1];
      const res = await deployed.call(authVerifyEmail, {
        body: { email: prodEmail, code },
        headers: { origin: "https://app.voicecraft.app" },
      });
      expect(res.status).toBe(200);
      const cookie = res.cookies[0] ?? "";
      expect(cookie).toMatch(/^__Host-vc_session=[^;]+; /);
      for (const flag of ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"]) {
        expect(cookie).toContain(flag);
      }
      expect(cookie).not.toContain("Domain=");
      const hsts = res.headers["strict-transport-security"] ?? "";
      expect(Number(/max-age=(\d+)/.exec(hsts)?.[1])).toBeGreaterThanOrEqual(31_536_000);
      expect(hsts).toContain("includeSubDomains");
    } finally {
      await deployed.close();
    }
  });

  it("AU3: the session is a signed JWT with a key id, in a cookie page scripts cannot read", async () => {
    const email = newEmail("jwt");
    await signUpAndVerify(email);
    const res = await app.call(authSignIn, { body: { email, password: PASSWORD } });
    const header = res.cookies[0] ?? "";
    expect(header).toContain("HttpOnly");
    const token = cookieOf(res).slice("vc_session=".length);
    const [protectedHeader, payload, signature] = token.split(".");
    expect(JSON.parse(Buffer.from(protectedHeader ?? "", "base64url").toString())).toEqual({
      alg: "HS256",
      kid: "t1",
      typ: "JWT",
    });
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "sid", "sub"]);
    expect(signature?.length).toBeGreaterThan(40);

    // Any change to the token, however small, and it no longer opens the session.
    const replaced = token.at(-2) === "A" ? "B" : "A";
    const flipped = `${token.slice(0, -2)}${replaced}${token.slice(-1)}`;
    expect((await app.call(meGet, { cookie: `vc_session=${flipped}` })).status).toBe(401);
  });

  it("AU2: upgrades a hash made at a lower cost on the next sign-in", async () => {
    const email = newEmail("legacy");
    const userId = await insertUser(app.db, { email, name: "Legacy" });
    const weak = argon2idHasher({ memoryKiB: 64, passes: 1, parallelism: 1 });
    await app.db
      .update(users)
      .set({ passwordHash: await weak.hash(PASSWORD) })
      .where(eq(users.id, userId));

    const res = await app.call(authSignIn, { body: { email, password: PASSWORD } });
    expect(res.status).toBe(200);
    const [row] = await app.db.select().from(users).where(eq(users.id, userId));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
    expect(row?.passwordHash).not.toContain(PASSWORD);
  });

  it("AU3: sign-out revokes the session; sign-out everywhere revokes them all", async () => {
    const email = newEmail("leaver");
    await signUpAndVerify(email);
    const first = cookieOf(await app.call(authSignIn, { body: { email, password: PASSWORD } }));
    const second = cookieOf(await app.call(authSignIn, { body: { email, password: PASSWORD } }));

    const out = await app.call(authSignOut, { cookie: first });
    expect(out.status).toBe(204);
    expect(out.cookies[0]).toContain("Max-Age=0");
    expect((await app.call(meGet, { cookie: first })).status).toBe(401);
    expect((await app.call(meGet, { cookie: second })).status).toBe(200);

    const third = cookieOf(await app.call(authSignIn, { body: { email, password: PASSWORD } }));
    expect((await app.call(authSignOutEverywhere, { cookie: third })).status).toBe(204);
    expect((await app.call(meGet, { cookie: second })).status).toBe(401);
    expect((await app.call(meGet, { cookie: third })).status).toBe(401);
  });

  it("refuses a state-changing request whose Origin is not the dashboard", async () => {
    const email = newEmail("csrf");
    for (const origin of ["https://evil.example", ""]) {
      const res = await app.call(authSignIn, {
        body: { email, password: PASSWORD },
        headers: { origin },
      });
      expect(res).toMatchObject({ status: 403, json: { error: { code: "ORIGIN_NOT_ALLOWED" } } });
    }
  });
});

describe("password reset and change", () => {
  it("AU3: a reset link works once, within 30 minutes, and revokes every session", async () => {
    const email = newEmail("forgetful");
    const cookie = await signUpAndVerify(email);

    const unknown = await app.call(authForgotPassword, { body: { email: newEmail("nobody") } });
    const known = await app.call(authForgotPassword, { body: { email } });
    expect(known.status).toBe(202);
    expect(known.json).toEqual(unknown.json);

    const link = app.outbox.latest(email, "password_reset")?.text ?? "";
    const token = /token=([A-Za-z0-9_-]+)/.exec(link)?.[1] ?? "";
    expect(token.length).toBeGreaterThan(30);

    const weak = await app.call(authResetPassword, { body: { token, password: "too short" } });
    expect(weak.json).toMatchObject({ error: { code: "WEAK_PASSWORD" } });

    const newPassword = "a completely new passphrase";
    const reset = await app.call(authResetPassword, { body: { token, password: newPassword } });
    expect(reset.status).toBe(204);
    expect((await app.call(meGet, { cookie })).status).toBe(401);

    const again = await app.call(authResetPassword, { body: { token, password: newPassword } });
    expect(again).toMatchObject({ status: 400, json: { error: { code: "INVALID_TOKEN" } } });

    const old = await app.call(authSignIn, { body: { email, password: PASSWORD } });
    expect(old.status).toBe(401);
    const fresh = await app.call(authSignIn, { body: { email, password: newPassword } });
    expect(fresh.status).toBe(200);
    expect(app.outbox.latest(email)?.tag).toBe("password_changed");

    const [stored] = await app.db
      .execute<{ n: number }>(
        sql`select count(*)::int as n from password_resets where token_hash = ${token}`,
      )
      .then((r) => (Array.isArray(r) ? r : (r as { rows: { n: number }[] }).rows));
    expect(stored?.n).toBe(0);
  });

  it("holds forgot-password answers to a floor, so sending a link cannot be timed", async () => {
    const email = newEmail("timed");
    await signUpAndVerify(email);
    app.runtime.uniformAnswerMs = 150;
    try {
      for (const address of [email, newEmail("untimed")]) {
        const started = performance.now();
        const res = await app.call(authForgotPassword, { body: { email: address } });
        expect(res.status).toBe(202);
        // A lower bound only: the floor is a sleep, so this cannot flake on a slow machine.
        expect(performance.now() - started).toBeGreaterThanOrEqual(145);
      }
    } finally {
      app.runtime.uniformAnswerMs = 0;
    }
  });

  it("refuses an expired reset link", async () => {
    const email = newEmail("late");
    await signUpAndVerify(email);
    await app.call(authForgotPassword, { body: { email } });
    const token = /token=([A-Za-z0-9_-]+)/.exec(
      app.outbox.latest(email, "password_reset")?.text ?? "",
    )?.[1];
    const realNow = app.runtime.now;
    app.runtime.now = () => new Date(Date.now() + 31 * 60 * 1000);
    try {
      const res = await app.call(authResetPassword, {
        body: { token, password: "a completely new passphrase" },
      });
      expect(res.json).toMatchObject({ error: { code: "INVALID_TOKEN" } });
    } finally {
      app.runtime.now = realNow;
    }
  });

  it("changes the password with the current one and signs out the other sessions", async () => {
    const email = newEmail("changer");
    const here = await signUpAndVerify(email);
    const elsewhere = cookieOf(await app.call(authSignIn, { body: { email, password: PASSWORD } }));

    const wrong = await app.call(authChangePassword, {
      cookie: here,
      body: { currentPassword: "not the password at all", newPassword: "another long passphrase" },
    });
    expect(wrong).toMatchObject({
      status: 400,
      json: { error: { code: "INVALID_CURRENT_PASSWORD" } },
    });

    const ok = await app.call(authChangePassword, {
      cookie: here,
      body: { currentPassword: PASSWORD, newPassword: "another long passphrase" },
    });
    expect(ok.status).toBe(204);
    expect((await app.call(meGet, { cookie: here })).status).toBe(200);
    expect((await app.call(meGet, { cookie: elsewhere })).status).toBe(401);
    const live = await app.db.$count(sessions, sql`${sessions.revokedAt} is null`);
    expect(live).toBeGreaterThan(0);
  });
});
