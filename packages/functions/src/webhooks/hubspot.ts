import { findIntegrationByAccount, markChangesPending } from "@voicecraft/core/integration";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import { createHandler } from "../http/handler.ts";
import { webhooksHubspot } from "../routes.ts";
import { processed, unknownTenant } from "./reply.ts";

/**
 * CRM changes from HubSpot, batched: each event names its portal, which names the org.
 * Every event is claimed once, with the note that the org's CRM needs a sync; events for
 * portals we do not know are dropped, and a batch with none we know is a 404.
 */
export const handler = createHandler(webhooksHubspot, async ({ db, body, runtime, log }) => {
  let known = 0;
  for (const event of body) {
    const integration = await findIntegrationByAccount(db, "hubspot", String(event.portalId));
    if (!integration) continue;
    known += 1;
    await db.transaction(async (tx) => {
      const eventId = `${event.portalId}:${event.eventId}`;
      if (await claimEvent(tx, { provider: "hubspot", eventId, orgId: integration.orgId })) {
        await markChangesPending(tx, integration, runtime.now());
      }
    });
  }
  if (known === 0) throw unknownTenant("portal");
  if (known < body.length)
    log.warn({ event: "hubspot.unknown_portals", count: body.length - known });
  return processed();
});
