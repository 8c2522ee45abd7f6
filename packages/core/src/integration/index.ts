import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../db/index.ts";
import { type INTEGRATION_PROVIDERS, integrations } from "./integration.sql.ts";

export { integrations };

export type IntegrationProvider = (typeof INTEGRATION_PROVIDERS)[number];

/**
 * The live integration for a provider account (a Square or Clover merchant, a HubSpot
 * portal, a Microsoft tenant), or null. Webhooks without a session find their org here.
 */
export async function findIntegrationByAccount(
  db: Executor,
  provider: IntegrationProvider,
  externalAccountId: string,
) {
  const [row] = await db
    .select({ orgId: integrations.orgId, integrationId: integrations.id })
    .from(integrations)
    .where(
      and(
        eq(integrations.provider, provider),
        eq(integrations.externalAccountId, externalAccountId),
        isNull(integrations.revokedAt),
      ),
    );
  return row ?? null;
}

/** A live integration by id, with its org, or null. */
export async function findIntegration(db: Executor, provider: IntegrationProvider, id: string) {
  const [row] = await db
    .select({ orgId: integrations.orgId, integrationId: integrations.id })
    .from(integrations)
    .where(
      and(
        eq(integrations.provider, provider),
        eq(integrations.id, id),
        isNull(integrations.revokedAt),
      ),
    );
  return row ?? null;
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
