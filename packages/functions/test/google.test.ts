import { createHash, randomBytes } from "node:crypto";
import {
  authEvents,
  memberships,
  oauthFlows,
  organizations,
  sessions,
  userIdentities,
  users,
} from "@voicecraft/core/db/schema";
import { insertUser } from "@voicecraft/core/seed";
import { desc, eq, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFrom } from "../src/http/config.ts";
import { authGoogleCallback, authGoogleStart, meGet } from "../src/routes.ts";
import { DASHBOARD, startTestApp, type TestApp } from "./app.ts";
import {
  type IdTokenTamper,
  startTestIdentityProvider,
  type TestAccount,
  type TestIdentityProvider,
} from "./oidc-provider.ts";

// "Sign in with Google" against a real OpenID Provider (oidc-provider on 127.0.0.1) and
// the real handlers: every refusal must end on the sign-in page with a stable code, no
// session cookie, and an AuthEvent that names the reason.

const CLIENT_ID = "voicecraft-test-client";
const CLIENT_SECRET = randomBytes(24).toString("base64url");
const HOST = "localhost";
const REDIRECT_URI = `http://${HOST}/api/auth/google/callback`;
const USER_AGENT = "Mozilla/5.0 (google.test)";

const account = (sub: string, email_verified = true): TestAccount => ({
  sub: `google-${sub}`,
  email: `${sub}@brightsmile.example`,
  email_verified,
  name: `${sub[0]?.toUpperCase()}${sub.slice(1)} Reyes`,
});
const dana = account("dana");
const omar = account("omar");
const una = account("una");
const eve = account("eve", false);
const pat = account("pat");
const sam = account("sam");

let idp: TestIdentityProvider;
let app: TestApp;
let settings: Record<string, string>;

beforeAll(async () => {
  idp = await startTestIdentityProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [REDIRECT_URI],
    accounts: [dana, omar, una, eve, pat, sam],
  });
  settings = {
    GOOGLE_ISSUER: idp.issuer,
    GOOGLE_CLIENT_ID: CLIENT_ID,
    GOOGLE_CLIENT_SECRET: CLIENT_SECRET,
  };
  app = await startTestApp(settings);
});

afterAll(async () => {
  await Promise.all([app?.close(), idp?.close()]);
});

const headers = { host: HOST, "user-agent": USER_AGENT };

/** The `name=value` of a Set-Cookie for `name`, if one was set. */
function setCookie(cookies: string[], name: string) {
  return cookies.find((cookie) => cookie.startsWith(`${name}=`));
}

async function start() {
  const res = await app.call(authGoogleStart, { headers });
  expect(res.status).toBe(302);
  const cookie = setCookie(res.cookies, "vc_oauth")?.split(";")[0];
  if (!cookie) throw new Error("no flow cookie");
  return { res, url: new URL(res.headers.location ?? ""), cookie, flowId: cookie.slice(9) };
}

function callback(query: Record<string, string>, cookie?: string) {
  return app.call(authGoogleCallback, { headers, query, ...(cookie ? { cookie } : {}) });
}

/** Start, the provider as `who`, then the callback, as a browser would go through them. */
async function signIn(who: TestAccount) {
  const flow = await start();
  const back = await idp.authorize(flow.url.toString(), who.sub);
  const query = Object.fromEntries(back.searchParams);
  return { flow, query, res: await callback(query, flow.cookie) };
}

function expectSignedIn(res: Awaited<ReturnType<typeof callback>>) {
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`${DASHBOARD}/app/`);
  const session = setCookie(res.cookies, "vc_session");
  expect(session).toBeDefined();
  expect(setCookie(res.cookies, "vc_oauth")).toContain("Max-Age=0");
  return session?.split(";")[0] ?? "";
}

function expectRefused(res: Awaited<ReturnType<typeof callback>>, code = "GOOGLE_FAILED") {
  expect(res.status).toBe(303);
  expect(res.headers.location).toBe(`${DASHBOARD}/sign-in/?error=${code}`);
  expect(setCookie(res.cookies, "vc_session")).toBeUndefined();
  expect(setCookie(res.cookies, "vc_oauth")).toContain("Max-Age=0");
}

async function lastGoogleEvent() {
  const [event] = await app.db
    .select()
    .from(authEvents)
    .where(eq(authEvents.type, "google_oauth"))
    .orderBy(desc(authEvents.id))
    .limit(1);
  return event;
}

async function userByEmail(email: string) {
  const [user] = await app.db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user;
}

/** Runs `fn` with some settings changed, then puts the originals back. */
async function withSettings<T>(changes: Record<string, string>, fn: () => Promise<T>) {
  const original = app.runtime.env;
  app.runtime.env = envFrom({ DASHBOARD_ORIGIN: DASHBOARD, ...settings, ...changes });
  try {
    return await fn();
  } finally {
    app.runtime.env = original;
  }
}

describe("Sign in with Google", () => {
  it("AU1: Google sign-in uses state, nonce and PKCE and verifies the id_token against the issuer's JWKS", async () => {
    const flow = await start();
    const { url } = flow;
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/auth`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      scope: "openid email profile",
      code_challenge_method: "S256",
      prompt: "select_account",
    });
    expect(params.state).toMatch(/^[\w-]{43}$/);
    expect(params.nonce).toMatch(/^[\w-]{43}$/);

    // The state is stored only as its hash; nonce and verifier never left the server
    // except as the nonce parameter and the verifier's S256 challenge.
    const [row] = await app.db.select().from(oauthFlows).where(eq(oauthFlows.id, flow.flowId));
    expect(row?.stateHash).toBe(
      createHash("sha256")
        .update(params.state ?? "")
        .digest("hex"),
    );
    expect(row?.nonce).toBe(params.nonce);
    expect(params.code_challenge).toBe(
      createHash("sha256")
        .update(row?.codeVerifier ?? "")
        .digest("base64url"),
    );
    expect(row?.usedAt).toBeNull();
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

    const flowCookie = setCookie(flow.res.cookies, "vc_oauth") ?? "";
    for (const attribute of ["HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=600"]) {
      expect(flowCookie).toContain(attribute);
    }

    const back = await idp.authorize(url.toString(), dana.sub);
    expect(back.searchParams.get("state")).toBe(params.state);
    const res = await callback(Object.fromEntries(back.searchParams), flow.cookie);
    const session = expectSignedIn(res);

    const user = await userByEmail(dana.email);
    expect(user).toMatchObject({ name: dana.name, passwordHash: null });
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    const me = await app.call(meGet, { cookie: session });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      user: { id: user?.id, email: dana.email },
      memberships: [{ orgName: `${dana.name}'s organization`, role: "owner" }],
    });
    const identities = await app.db
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.subject, dana.sub));
    expect(identities).toMatchObject([{ provider: "google", userId: user?.id }]);
    const [spent] = await app.db.select().from(oauthFlows).where(eq(oauthFlows.id, flow.flowId));
    expect(spent?.usedAt).toBeInstanceOf(Date);

    expect(await lastGoogleEvent()).toMatchObject({
      outcome: "success",
      reason: "ACCOUNT_CREATED",
      userId: user?.id,
      userAgent: USER_AGENT,
      ip: expect.stringMatching(/^10\./),
    });
  });

  it("AU1: a second Google sign-in finds the same account through its identity", async () => {
    const before = await userByEmail(dana.email);
    const [{ count: orgsBefore } = { count: 0 }] = await app.db
      .select({ count: sql<number>`count(*)::int` })
      .from(organizations);

    const { res } = await signIn(dana);
    expectSignedIn(res);
    expect(await lastGoogleEvent()).toMatchObject({
      outcome: "success",
      reason: null,
      userId: before?.id,
    });
    const [{ count: orgsAfter } = { count: 0 }] = await app.db
      .select({ count: sql<number>`count(*)::int` })
      .from(organizations);
    expect(orgsAfter).toBe(orgsBefore);
  });

  it("AU1: Google links to an existing account only through an email Google verified", async () => {
    // Stored with different case: the match is case-insensitive.
    const existing = await insertUser(app.db, { email: omar.email.toUpperCase(), name: "Omar" });
    await app.db
      .update(users)
      .set({ passwordHash: "$argon2id$kept" })
      .where(eq(users.id, existing));

    const { res } = await signIn(omar);
    expectSignedIn(res);
    expect(await lastGoogleEvent()).toMatchObject({
      outcome: "success",
      reason: "IDENTITY_LINKED",
      userId: existing,
    });
    const [identity] = await app.db
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.subject, omar.sub));
    expect(identity?.userId).toBe(existing);
    // A verified account keeps its password and gets no second organization.
    expect((await userByEmail(omar.email))?.passwordHash).toBe("$argon2id$kept");
    const owned = await app.db.select().from(memberships).where(eq(memberships.userId, existing));
    expect(owned).toEqual([]);
  });

  it("AU1: linking to an unverified account drops the password nobody proved and its sessions", async () => {
    // Someone signed up with Una's address (never verified) before Una used Google.
    const squatter = await insertUser(app.db, { email: una.email, name: "Not Una" });
    await app.db
      .update(users)
      .set({ emailVerifiedAt: null, passwordHash: "$argon2id$squatter" })
      .where(eq(users.id, squatter));
    const squatterSession = await app.cookieFor(squatter);

    const { res } = await signIn(una);
    expectSignedIn(res);
    const user = await userByEmail(una.email);
    expect(user?.id).toBe(squatter);
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(user?.passwordHash).toBeNull();
    expect((await app.call(meGet, { cookie: squatterSession })).status).toBe(401);
  });

  it("AU1: refuses a Google account whose email is not verified, and links nothing", async () => {
    const existing = await insertUser(app.db, { email: eve.email, name: "Eve" });
    const sessionsBefore = await app.db.select().from(sessions);

    const { res } = await signIn(eve);
    expectRefused(res, "GOOGLE_EMAIL_UNVERIFIED");
    expect(await lastGoogleEvent()).toMatchObject({
      outcome: "failure",
      reason: "EMAIL_UNVERIFIED",
      userId: null,
    });
    const identities = await app.db
      .select()
      .from(userIdentities)
      .where(eq(userIdentities.subject, eve.sub));
    expect(identities).toEqual([]);
    expect((await userByEmail(eve.email))?.id).toBe(existing);
    expect(await app.db.select().from(sessions)).toHaveLength(sessionsBefore.length);
  });

  it("AU1: refuses a Google callback whose state, flow cookie or flow does not match", async () => {
    const flow = await start();
    const back = await idp.authorize(flow.url.toString(), pat.sub);
    const query = Object.fromEntries(back.searchParams);

    expectRefused(
      await callback({ ...query, state: randomBytes(32).toString("base64url") }, flow.cookie),
    );
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_INVALID" });

    expectRefused(await callback(query));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_MISSING" });

    expectRefused(await callback(query, "vc_oauth=not-a-flow-id"));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_MISSING" });

    // A flow started in another browser: its cookie with this flow's code and state.
    const other = await start();
    expectRefused(await callback(query, other.cookie));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_INVALID" });

    // Two flow cookies (one planted): neither is trusted.
    expectRefused(await callback(query, `${flow.cookie}; ${other.cookie}`));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_MISSING" });

    expect(await userByEmail(pat.email)).toBeUndefined();
  });

  it("AU1: a Google callback is single use, even when replayed concurrently", async () => {
    const flow = await start();
    const back = await idp.authorize(flow.url.toString(), sam.sub);
    const query = Object.fromEntries(back.searchParams);

    const results = await Promise.all([1, 2, 3].map(() => callback(query, flow.cookie)));
    const won = results.filter((res) => res.headers.location === `${DASHBOARD}/app/`);
    expect(won).toHaveLength(1);
    for (const res of results) if (!won.includes(res)) expectRefused(res);

    expectRefused(await callback(query, flow.cookie));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_REPLAYED" });
  });

  it("AU1: refuses an expired Google flow", async () => {
    const flow = await start();
    const back = await idp.authorize(flow.url.toString(), pat.sub);
    const realNow = app.runtime.now;
    app.runtime.now = () => new Date(Date.now() + 10 * 60_000 + 1_000);
    try {
      expectRefused(await callback(Object.fromEntries(back.searchParams), flow.cookie));
    } finally {
      app.runtime.now = realNow;
    }
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "FLOW_EXPIRED" });
    expect(await userByEmail(pat.email)).toBeUndefined();
  });

  it("AU1: refuses an id_token whose nonce is not the flow's", async () => {
    const flow = await start();
    await app.db
      .update(oauthFlows)
      .set({ nonce: randomBytes(32).toString("base64url") })
      .where(eq(oauthFlows.id, flow.flowId));
    const back = await idp.authorize(flow.url.toString(), pat.sub);

    expectRefused(await callback(Object.fromEntries(back.searchParams), flow.cookie));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "NONCE_MISMATCH" });
    expect(await userByEmail(pat.email)).toBeUndefined();
  });

  it("AU1: refuses an id_token signed by another key, for another audience or from another issuer", async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    const cases: [string, IdTokenTamper][] = [
      ["another key with the issuer's kid", { key: "foreign" }],
      ["no signature (alg none)", { key: "none" }],
      ["another audience", { claims: (c) => ({ ...c, aud: "someone-elses-client" }) }],
      [
        "us among audiences, authorized for another",
        { claims: (c) => ({ ...c, aud: [CLIENT_ID, "other"], azp: "other" }) },
      ],
      ["another issuer", { claims: (c) => ({ ...c, iss: "https://accounts.google.com" }) }],
      ["expired", { claims: (c) => ({ ...c, iat: hourAgo - 3600, exp: hourAgo }) }],
      ["no nonce", { claims: ({ nonce: _, ...c }) => c }],
    ];
    try {
      for (const [label, tamper] of cases) {
        idp.tamperIdTokens(tamper);
        const { res } = await signIn(pat);
        expectRefused(res);
        expect(await lastGoogleEvent(), label).toMatchObject({
          outcome: "failure",
          reason: "ID_TOKEN_INVALID",
        });
      }
      expect(await userByEmail(pat.email)).toBeUndefined();

      // The same re-signing with nothing changed is accepted: each refusal above is
      // down to the one thing its case changed.
      idp.tamperIdTokens({ key: "provider" });
      expectSignedIn((await signIn(pat)).res);
    } finally {
      idp.tamperIdTokens();
    }
  });

  it("AU1: a cancelled Google sign-in returns GOOGLE_CANCELLED and never echoes provider text", async () => {
    const flow = await start();
    const state = flow.url.searchParams.get("state") ?? "";
    const res = await callback(
      { error: "access_denied", error_description: "<script>alert(1)</script>", state },
      flow.cookie,
    );
    expectRefused(res, "GOOGLE_CANCELLED");
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "CANCELLED" });

    expectRefused(await callback({ error: "server_error", state }, flow.cookie));
    expect(await lastGoogleEvent()).toMatchObject({ outcome: "failure", reason: "PROVIDER_ERROR" });
  });

  it("AU1: Google sign-in refuses an issuer whose discovery document names another", async () => {
    const misnamed = idp.issuer.replace("127.0.0.1", "localhost");
    await withSettings({ GOOGLE_ISSUER: misnamed }, async () => {
      const res = await app.call(authGoogleStart, { headers });
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`${DASHBOARD}/sign-in/?error=GOOGLE_UNAVAILABLE`);
      expect(setCookie(res.cookies, "vc_oauth")).toBeUndefined();
    });
  });

  it("sets the flow cookie __Host- and Secure when deployed, and calls back to the API's own URL", async () => {
    await withSettings({ STAGE: "production" }, async () => {
      const res = await app.call(authGoogleStart, {
        headers: { ...headers, host: "api.voicecraft.example" },
      });
      expect(res.status).toBe(302);
      const redirectUri = new URL(res.headers.location ?? "").searchParams.get("redirect_uri");
      expect(redirectUri).toBe("https://api.voicecraft.example/auth/google/callback");
      const cookie = setCookie(res.cookies, "__Host-vc_oauth") ?? "";
      for (const attribute of ["Secure", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=600"]) {
        expect(cookie).toContain(attribute);
      }
      expect(cookie).not.toContain("Domain=");
    });
    await withSettings({ API_URL: "https://api.example.test/" }, async () => {
      const res = await app.call(authGoogleStart, { headers });
      const redirectUri = new URL(res.headers.location ?? "").searchParams.get("redirect_uri");
      expect(redirectUri).toBe("https://api.example.test/auth/google/callback");
    });
  });

  it("answers GOOGLE_UNAVAILABLE, without calling out, when Google is not configured", async () => {
    await withSettings({ GOOGLE_CLIENT_ID: "", GOOGLE_CLIENT_SECRET: "" }, async () => {
      const started = await app.call(authGoogleStart, { headers });
      expect(started.status).toBe(302);
      expect(started.headers.location).toBe(`${DASHBOARD}/sign-in/?error=GOOGLE_UNAVAILABLE`);
      expectRefused(await callback({ code: "c", state: "s" }), "GOOGLE_UNAVAILABLE");
    });
  });

  it("never answers a 5xx to whatever reaches the callback, nor echoes it", async () => {
    const valid = await start();
    const sessionsBefore = (await app.db.select({ id: sessions.id }).from(sessions)).length;
    const live = await app.db
      .select({ id: oauthFlows.id })
      .from(oauthFlows)
      .where(isNull(oauthFlows.usedAt));
    const text = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 80 }));
    const query = fc.record(
      { code: text, state: text, error: text, iss: text },
      { requiredKeys: [] },
    );
    const cookie = fc.oneof(
      fc.constant(undefined),
      text.map((value) => `vc_oauth=${value}`),
      fc.uuid().map((id) => `vc_oauth=${id}`),
      fc.constantFrom(...live.map(({ id }) => `vc_oauth=${id}`), valid.cookie),
    );
    await fc.assert(
      fc.asyncProperty(query, cookie, async (q, c) => {
        const res = await callback(q as Record<string, string>, c);
        expect(res.status).toBeLessThan(500);
        if (res.status === 303) {
          expect(res.headers.location).toMatch(
            new RegExp(`^${DASHBOARD}/sign-in/\\?error=GOOGLE_(FAILED|CANCELLED|UNAVAILABLE)$`),
          );
          expect(setCookie(res.cookies, "vc_session")).toBeUndefined();
        } else {
          expect(res.json).toMatchObject({ error: { code: expect.any(String) } });
        }
      }),
      { numRuns: 60 },
    );
    expect(await app.db.select({ id: sessions.id }).from(sessions)).toHaveLength(sessionsBefore);
  });
});
