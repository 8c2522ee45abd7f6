import { randomBytes } from "node:crypto";
import { createSession, parseSessionKeys, revokeSession } from "@voicecraft/core/session";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envFrom } from "../src/http/config.ts";
import { clearedSessionCookie, readCookie, sessionCookie } from "../src/http/cookies.ts";
import { meGet } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { createTenant, type Tenant } from "./tenants.ts";

let app: TestApp;
let tenant: Tenant;

const key = () => randomBytes(32).toString("base64url");

beforeAll(async () => {
  app = await startTestApp();
  tenant = await createTenant(app.db, "Session");
});

afterAll(() => app.close());

async function me(cookie?: string) {
  return app.call(meGet, cookie ? { cookie } : {});
}

describe("sessions", () => {
  it("accepts a live session and returns the user and their orgs", async () => {
    const res = await me(await app.cookieFor(tenant.users.member));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      user: { id: tenant.users.member },
      memberships: [{ orgId: tenant.orgId, role: "member" }],
    });
    expect(JSON.stringify(res.json)).not.toContain("passwordHash");
  });

  it("refuses a missing, malformed, forged or duplicated cookie with the same 401", async () => {
    const valid = await app.cookieFor(tenant.users.member);
    const forgedKeys = parseSessionKeys(`t1:${key()}`);
    const forged = await createSession(app.db, forgedKeys, { userId: tenant.users.owner });
    const unknownKid = await createSession(app.db, parseSessionKeys(`zz:${key()}`), {
      userId: tenant.users.owner,
    });
    const cases = [
      undefined,
      "vc_session=not-a-jwt",
      `vc_session=${forged.token}`,
      `vc_session=${unknownKid.token}`,
      `${valid}; ${valid}`,
    ];
    for (const cookie of cases) {
      const res = await me(cookie);
      expect(res.status, String(cookie)).toBe(401);
      expect(res.json).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });

  it("refuses an expired session", async () => {
    const keys = app.runtime.sessionKeys;
    if (!keys) throw new Error("no keys");
    const old = await createSession(app.db, keys, {
      userId: tenant.users.member,
      now: new Date(Date.now() - 8 * 24 * 3600 * 1000),
    });
    expect((await me(`vc_session=${old.token}`)).status).toBe(401);
  });

  it("stops accepting a session on the next request after it is revoked", async () => {
    const keys = app.runtime.sessionKeys;
    if (!keys) throw new Error("no keys");
    const session = await createSession(app.db, keys, { userId: tenant.users.member });
    const cookie = `vc_session=${session.token}`;
    expect((await me(cookie)).status).toBe(200);
    await revokeSession(app.db, session.sessionId);
    expect((await me(cookie)).status).toBe(401);
  });

  it("keeps verifying tokens of a retired key while it is still listed", () => {
    const oldKey = key();
    const old = parseSessionKeys(`k1:${oldKey}`);
    const rotated = parseSessionKeys(`k2:${key()},k1:${oldKey}`);
    expect(rotated.current.kid).toBe("k2");
    expect(rotated.byKid.get("k1")).toEqual(old.current.key);
    expect(() => parseSessionKeys("k1:c2hvcnQ")).toThrow(/256 bits/);
    expect(() => parseSessionKeys(`k1:${oldKey},k1:${key()}`)).toThrow(/twice/);
  });

  it("sets the session cookie HttpOnly and SameSite=Lax, Secure with __Host- when deployed", () => {
    const deployed = sessionCookie(envFrom({ STAGE: "production" }), "tok");
    expect(deployed).toMatch(/^__Host-vc_session=tok;/);
    expect(deployed).toContain("HttpOnly");
    expect(deployed).toContain("Secure");
    expect(deployed).toContain("SameSite=Lax");
    expect(deployed).toContain("Path=/");
    expect(deployed).not.toContain("Domain=");

    const local = sessionCookie(envFrom({ STAGE: "local" }), "tok");
    expect(local).toMatch(/^vc_session=tok;/);
    expect(local).toContain("HttpOnly");
    expect(local).toContain("SameSite=Lax");
    expect(local).not.toContain("Secure");

    expect(clearedSessionCookie(envFrom({ STAGE: "production" }))).toContain("Max-Age=0");
    expect(readCookie(["a=1", "vc_session=x"], "vc_session")).toBe("x");
    expect(readCookie(["vc_session=x; vc_session=y"], "vc_session")).toBeUndefined();
  });
});
