import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import * as schema from "../src/db/schema.ts";

const tables = Object.values(schema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableConfig(table));

/**
 * Indexes on customer tables that deliberately do not start with org_id: the lookups a
 * request without a session makes to find its tenant (TN2), and platform-wide uniqueness
 * that must hold across orgs. Each is checked against the database before any tenant
 * data is read.
 */
const PLATFORM_WIDE = new Set([
  "agents_phone_number_key", // inbound calls find the agent by the called number
  "calls_provider_call_id_key", // provider status callbacks find the call by its id
  "integrations_provider_account_key", // POS webhooks find the org by merchant id
  "whatsapp_templates_provider_id_key", // template status webhooks find the template
  "whatsapp_templates_owner_idx", // ... or its owner
  "integrations_key_version_idx", // key rotation asks, across orgs, what a key still seals
]);

/** Tables that are not customer data: identity, sign-in, platform staff, rate-limit counters. */
const NOT_TENANT = new Set([
  "organizations",
  "users",
  "sessions",
  "memberships",
  "auth_events",
  "audit_logs",
  "platform_role_assignments",
  "passkeys",
  "rate_limit_buckets",
  "email_verifications",
  "password_resets",
  "oauth_flows",
  "user_identities",
  "webhook_events",
]);

describe("the tenant schema", () => {
  it("TN3: every customer table has org_id first in its primary key and its indexes", () => {
    const customer = tables.filter((table) => !NOT_TENANT.has(table.name));
    expect(customer.map((t) => t.name).sort()).toEqual(
      [
        "agents",
        "calls",
        "catalog_items",
        "form_submissions",
        "forms",
        "integrations",
        "knowledge_documents",
        "list_members",
        "lists",
        "orders",
        "tool_invocations",
        "transcript_segments",
        "whatsapp_templates",
      ].sort(),
    );
    for (const table of customer) {
      const orgId = table.columns.find((column) => column.name === "org_id");
      expect(orgId?.notNull, `${table.name}.org_id`).toBe(true);

      const [primaryKey] = table.primaryKeys;
      expect(primaryKey?.columns[0]?.name, `${table.name} primary key`).toBe("org_id");

      for (const index of table.indexes) {
        const name = index.config.name ?? "";
        if (PLATFORM_WIDE.has(name)) continue;
        const first = index.config.columns[0] as { name?: string } | undefined;
        expect(first?.name, `${table.name} index ${name}`).toBe("org_id");
      }
    }
  });

  it("TN3: every reference between customer tables includes org_id, so rows cannot cross orgs", () => {
    for (const table of tables.filter((t) => !NOT_TENANT.has(t.name))) {
      for (const foreignKey of table.foreignKeys) {
        const reference = foreignKey.reference();
        const target = getTableConfig(reference.foreignTable).name;
        if (target === "organizations") continue;
        const local = reference.columns.map((column) => column.name);
        const foreign = reference.foreignColumns.map((column) => column.name);
        expect(local[0], `${table.name} -> ${target}`).toBe("org_id");
        expect(foreign[0], `${table.name} -> ${target}`).toBe("org_id");
      }
    }
  });

  it("TC1: tool invocations have a column for redacted arguments and none for raw ones", () => {
    const toolInvocations = tables.find((t) => t.name === "tool_invocations");
    const names = toolInvocations?.columns.map((column) => column.name) ?? [];
    expect(names).toContain("redacted_arguments");
    expect(names.filter((name) => /arg/.test(name))).toEqual(["redacted_arguments"]);
  });
});
