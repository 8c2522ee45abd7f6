import type { Executor } from "../db/index.ts";
import { webhookEvents } from "./webhooks.sql.ts";

/**
 * Claims a provider event for processing, inside the caller's transaction. True the first
 * time; false for a repeat, whose side effects already happened (or are happening in a
 * concurrent transaction, which the primary key makes this one wait for).
 */
export async function claimEvent(
  tx: Executor,
  event: { provider: string; eventId: string; orgId?: string | null },
): Promise<boolean> {
  const claimed = await tx
    .insert(webhookEvents)
    .values({ provider: event.provider, eventId: event.eventId, orgId: event.orgId ?? null })
    .onConflictDoNothing()
    .returning({ eventId: webhookEvents.eventId });
  return claimed.length > 0;
}
