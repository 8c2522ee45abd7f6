import { schema } from "@voicecraft/core/db";
import { auditLogs } from "@voicecraft/core/db/schema";
import { eq, getTableColumns, getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteDef } from "../src/http/route.ts";
import { routeKey } from "../src/http/route.ts";
import { routes } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";
import { createTenant, type Tenant } from "./tenants.ts";

// Walks the route table itself, so a route added later is covered without editing this
// file. A route with a path parameter this file cannot fill fails loudly below.

let app: TestApp;
let a: Tenant;
let b: Tenant;
let cookieA: string;

const orgRoutes = routes.filter((route) => route.guard.kind === "org") as RouteDef[];

/** Every table with an org_id column, i.e. every customer table. */
const tenantTables = Object.values(schema as Record<string, unknown>).filter(
  (value): value is PgTable => is(value, PgTable) && "orgId" in getTableColumns(value),
);

async function snapshotOf(orgId: string) {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of tenantTables) {
    const columns = getTableColumns(table);
    const orgColumn = columns.orgId;
    if (!orgColumn) continue;
    snapshot[getTableName(table)] = await app.db
      .select()
      .from(table)
      .where(eq(orgColumn, orgId))
      .orderBy(sql`1, 2`);
  }
  return snapshot;
}

function fillParams(route: RouteDef, orgId: string, tenant: Tenant) {
  const ids: Record<string, string> = {
    agentId: tenant.agentId,
    callId: tenant.callId,
    submissionId: tenant.submissionId,
    orderId: tenant.orderId,
  };
  const params: Record<string, string> = {};
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    if (!name) continue;
    if (name === "orgId") {
      params.orgId = orgId;
      continue;
    }
    const id = ids[name];
    if (!id) throw new Error(`${routeKey(route)}: no fixture for path parameter {${name}}`);
    params[name] = id;
  }
  return params;
}

function leaksOf(body: unknown, tenant: Tenant): string[] {
  const text = JSON.stringify(body ?? null);
  const secrets = [
    tenant.orgId,
    tenant.agentId,
    tenant.callId,
    tenant.formId,
    tenant.submissionId,
    tenant.orderId,
    tenant.phoneNumber,
    tenant.label,
  ];
  return secrets.filter((value) => text.includes(value));
}

beforeAll(async () => {
  app = await startTestApp();
  a = await createTenant(app.db, "Alpha");
  b = await createTenant(app.db, "Bravo");
  // A's owner: every role check passes, so only tenancy can stop the request.
  cookieA = await app.cookieFor(a.users.owner);
});

afterAll(() => app.close());

describe("tenant isolation across the route table", () => {
  it("TN1: every org-guarded route with a body declares an example that its schema accepts", () => {
    expect(orgRoutes.length).toBeGreaterThan(0);
    for (const route of orgRoutes) {
      if (!route.body) continue;
      const parsed = route.body.safeParse(route.example?.body);
      expect(parsed.success, `${routeKey(route)} example body`).toBe(true);
    }
  });

  it("TN1: a member of org A asking for org B's resources gets 404 on every org route, and B is untouched", async () => {
    const before = await snapshotOf(b.orgId);
    const auditBefore = await app.db.$count(auditLogs, eq(auditLogs.orgId, b.orgId));

    for (const route of orgRoutes) {
      const body = route.example?.body;

      // B's org in the path: requireOrg refuses before anything of B is touched.
      const inB = await app.call(route, {
        params: fillParams(route, b.orgId, b),
        cookie: cookieA,
        ...(body !== undefined ? { body } : {}),
      });
      expect(inB.status, `${routeKey(route)} with org B in the path`).toBe(404);
      expect(inB.json).toMatchObject({ error: { code: "ORG_NOT_FOUND" } });
      expect(leaksOf(inB.json, b), routeKey(route)).toEqual([]);

      // A's org in the path, B's resource ids: the data layer scopes by A and finds nothing.
      const hasResource = /\{(?!orgId\})\w+\}/.test(route.path);
      const inA = await app.call(route, {
        params: hasResource ? fillParams(route, a.orgId, b) : fillParams(route, a.orgId, a),
        cookie: cookieA,
        ...(body !== undefined ? { body } : {}),
      });
      if (hasResource) {
        expect(inA.status, `${routeKey(route)} with B's ids under org A`).toBe(404);
      } else {
        expect(inA.status, `${routeKey(route)} under org A`).toBeLessThan(400);
      }
      expect(leaksOf(inA.json, b), `${routeKey(route)} response`).toEqual([]);
    }

    expect(await snapshotOf(b.orgId)).toEqual(before);
    expect(await app.db.$count(auditLogs, eq(auditLogs.orgId, b.orgId))).toBe(auditBefore);
  });

  it("TN3: list routes filtered by another org's ids return nothing of that org", async () => {
    for (const route of orgRoutes) {
      if (route.method !== "GET" || /\{(?!orgId\})\w+\}/.test(route.path)) continue;
      const res = await app.call(route, {
        params: { orgId: a.orgId },
        query: { agentId: b.agentId, formId: b.formId, limit: "100" },
        cookie: cookieA,
      });
      expect(res.status, routeKey(route)).toBe(200);
      expect(leaksOf(res.json, b), routeKey(route)).toEqual([]);
    }
  });

  it("TN1: without a session every org route answers 401 and reads nothing", async () => {
    for (const route of orgRoutes) {
      const res = await app.call(route, { params: fillParams(route, a.orgId, a) });
      expect(res.status, routeKey(route)).toBe(401);
      expect(res.json).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    }
  });
});
