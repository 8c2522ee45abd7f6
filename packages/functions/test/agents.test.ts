import { auditLogs } from "@voicecraft/core/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentsCreate, agentsDelete, agentsGet, agentsList, agentsUpdate } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { createTenant, type Tenant, uniqueNumber } from "./tenants.ts";

let app: TestApp;
let tenant: Tenant;
let cookies: Record<"owner" | "admin" | "member", string>;

beforeAll(async () => {
  app = await startTestApp();
  tenant = await createTenant(app.db, "Agents");
  cookies = {
    owner: await app.cookieFor(tenant.users.owner),
    admin: await app.cookieFor(tenant.users.admin),
    member: await app.cookieFor(tenant.users.member),
  };
});

afterAll(() => app.close());

describe("agents", () => {
  it("lists the org's agents for a member", async () => {
    const res = await app.call(agentsList, {
      params: { orgId: tenant.orgId },
      cookie: cookies.member,
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      items: [{ id: tenant.agentId, phoneNumber: tenant.phoneNumber }],
      nextCursor: null,
    });
  });

  it("creates, updates and tombstones an agent as an admin, auditing each step", async () => {
    const phoneNumber = uniqueNumber();
    const create = await app.call(agentsCreate, {
      params: { orgId: tenant.orgId },
      cookie: cookies.admin,
      body: { name: "Night line", phoneNumber },
    });
    expect(create.status).toBe(201);
    const agent = create.json as { id: string; orgId: string; language: string };
    expect(agent).toMatchObject({ name: "Night line", phoneNumber, orgId: tenant.orgId });
    expect(agent.language).toBe("en-US");

    const update = await app.call(agentsUpdate, {
      params: { orgId: tenant.orgId, agentId: agent.id },
      cookie: cookies.owner,
      body: { greeting: "Hello, night line." },
    });
    expect(update.status).toBe(200);
    expect(update.json).toMatchObject({ greeting: "Hello, night line.", name: "Night line" });

    const remove = await app.call(agentsDelete, {
      params: { orgId: tenant.orgId, agentId: agent.id },
      cookie: cookies.admin,
    });
    expect(remove.status).toBe(204);
    expect(remove.json).toBeUndefined();

    const gone = await app.call(agentsGet, {
      params: { orgId: tenant.orgId, agentId: agent.id },
      cookie: cookies.admin,
    });
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ error: { code: "AGENT_NOT_FOUND" } });

    const audit = await app.db
      .select({ action: auditLogs.action, before: auditLogs.before, after: auditLogs.after })
      .from(auditLogs)
      .where(and(eq(auditLogs.orgId, tenant.orgId), eq(auditLogs.targetId, agent.id)))
      .orderBy(auditLogs.id);
    expect(audit.map((row) => row.action)).toEqual([
      "agent.create",
      "agent.update",
      "agent.delete",
    ]);
    expect(audit[1]?.before).toMatchObject({ greeting: "" });
    expect(audit[1]?.after).toMatchObject({ greeting: "Hello, night line." });
    expect(audit[2]?.before).toMatchObject({ id: agent.id });

    // The tombstone released the number: a new agent may take it.
    const reuse = await app.call(agentsCreate, {
      params: { orgId: tenant.orgId },
      cookie: cookies.admin,
      body: { name: "Reused", phoneNumber },
    });
    expect(reuse.status).toBe(201);
  });

  it("refuses writes from a member with 403 ROLE_REQUIRED", async () => {
    const res = await app.call(agentsCreate, {
      params: { orgId: tenant.orgId },
      cookie: cookies.member,
      body: { name: "Nope", phoneNumber: uniqueNumber() },
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: "ROLE_REQUIRED" } });
  });

  it("answers 409 PHONE_NUMBER_TAKEN for a number in use, even under a concurrent race", async () => {
    const taken = await app.call(agentsCreate, {
      params: { orgId: tenant.orgId },
      cookie: cookies.admin,
      body: { name: "Copy", phoneNumber: tenant.phoneNumber },
    });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ error: { code: "PHONE_NUMBER_TAKEN" } });

    const phoneNumber = uniqueNumber();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        app.call(agentsCreate, {
          params: { orgId: tenant.orgId },
          cookie: cookies.admin,
          body: { name: `Racer ${i}`, phoneNumber },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it("reports every invalid field with 400 VALIDATION_FAILED and writes nothing", async () => {
    const before = await app.call(agentsList, {
      params: { orgId: tenant.orgId },
      query: { limit: "100" },
      cookie: cookies.admin,
    });
    const res = await app.call(agentsCreate, {
      params: { orgId: tenant.orgId },
      cookie: cookies.admin,
      body: { name: "", phoneNumber: "555-0100", extra: true },
    });
    expect(res.status).toBe(400);
    const error = (res.json as { error: { code: string; fields: Record<string, string[]> } }).error;
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.fields).sort()).toEqual(["body", "body.name", "body.phoneNumber"]);
    const after = await app.call(agentsList, {
      params: { orgId: tenant.orgId },
      query: { limit: "100" },
      cookie: cookies.admin,
    });
    expect(after.json).toEqual(before.json);
  });

  it("refuses U+0000 in any string with a field error, since PostgreSQL text cannot hold it", async () => {
    const res = await app.call(agentsCreate, {
      params: { orgId: tenant.orgId },
      cookie: cookies.admin,
      body: { name: "Front\u0000desk", phoneNumber: uniqueNumber(), greeting: "Hi\u0000" },
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({
      error: {
        code: "VALIDATION_FAILED",
        fields: { "body.name": ["Must not contain U+0000"], "body.greeting": expect.any(Array) },
      },
    });
  });

  it("pages with an opaque keyset cursor, newest first", async () => {
    for (let i = 0; i < 4; i++) {
      const res = await app.call(agentsCreate, {
        params: { orgId: tenant.orgId },
        cookie: cookies.admin,
        body: { name: `Paged ${i}`, phoneNumber: uniqueNumber() },
      });
      expect(res.status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await app.call(agentsList, {
        params: { orgId: tenant.orgId },
        query: { limit: "2", ...(cursor ? { cursor } : {}) },
        cookie: cookies.member,
      });
      expect(res.status).toBe(200);
      const page = res.json as { items: { id: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...seen].sort().reverse());
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(tenant.agentId);

    const bad = await app.call(agentsList, {
      params: { orgId: tenant.orgId },
      query: { cursor: "not-a-cursor" },
      cookie: cookies.member,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: "INVALID_CURSOR" } });
  });
});
