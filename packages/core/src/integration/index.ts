import { and, eq, isNull, type SQL } from "drizzle-orm";
import type { Executor } from "../db/index.ts";
import { type INTEGRATION_PROVIDERS, integrations } from "./integration.sql.ts";

export { integrations };

export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];

/** The first live integration of `provider` matching `match`, with its org, or null. */
async function findLive(db: Executor, provider: IntegrationProvider, match: SQL) {
  const [row] = await db
    .select({ orgId: integrations.orgId, integrationId: integrations.id })
    .from(integrations)
    .where(and(eq(integrations.provider, provider), match, isNull(integrations.revokedAt)));
  return row ?? null;
}

/**
 * The live integration for a provider account (a Square or Clover merchant, a HubSpot
 * portal, a Microsoft tenant), or null. Webhooks without a session find their org here.
 */
export function findIntegrationByAccount(
  db: Executor,
  provider: IntegrationProvider,
  externalAccountId: string,
) {
  return findLive(db, provider, eq(integrations.externalAccountId, externalAccountId));
}

/** A live integration by id, with its org, or null. */
export function findIntegration(db: Executor, provider: IntegrationProvider, id: string) {
  return findLive(db, provider, eq(integrations.id, id));
}

/** Notes that the provider reported changes; the sync job picks them up. */
export async function markChangesPending(
  db: Executor,
  target: { orgId: string; integrationId: string },
  at: Date,
): Promise<void> {
  await db
    .update(integrations)
    .set({ changesPendingAt: at })
    .where(and(eq(integrations.orgId, target.orgId), eq(integrations.id, target.integrationId)));
}
