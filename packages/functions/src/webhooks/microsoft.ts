import { findIntegrationByAccount, markChangesPending } from "@voicecraft/core/integration";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import { createHandler } from "../http/handler.ts";
import { webhooksMicrosoft } from "../routes.ts";
import { unknownTenant } from "./reply.ts";

interface GraphNotification {
  subscriptionId?: unknown;
  tenantId?: unknown;
  changeType?: unknown;
  resource?: unknown;
  resourceData?: { id?: unknown };
}

/**
 * Microsoft Graph change notifications. The validation handshake is echoed as plain
 * text; otherwise every item (each one's clientState already checked) names its tenant,
 * which names the org through its Microsoft integration.
 */
export const handler = createHandler(webhooksMicrosoft, async ({ db, webhook, runtime }) => {
  if (webhook.challenge !== undefined) {
    return {
      status: 200,
      text: { contentType: "text/plain; charset=utf-8", content: webhook.challenge },
    };
  }

  const items = ((webhook.payload as { value?: unknown } | undefined)?.value ??
    []) as GraphNotification[];
  let known = 0;
  for (const item of items) {
    if (typeof item.tenantId !== "string") continue;
    const integration = await findIntegrationByAccount(db, "microsoft", item.tenantId);
    if (!integration) continue;
    known += 1;
    const eventId = [item.subscriptionId, item.changeType, item.resource, item.resourceData?.id]
      .map(String)
      .join(":")
      .slice(0, 512);
    await db.transaction(async (tx) => {
      if (await claimEvent(tx, { provider: "microsoft", eventId, orgId: integration.orgId })) {
        await markChangesPending(tx, integration, runtime.now());
      }
    });
  }
  if (known === 0) throw unknownTenant("tenant");
  // Graph wants a quick 202; the sync job does the work.
  return { status: 202, body: { status: "accepted" } };
});
