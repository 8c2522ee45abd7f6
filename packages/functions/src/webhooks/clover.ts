import { findIntegrationByAccount } from "@voicecraft/core/integration";
import { upsertPosOrder } from "@voicecraft/core/order";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import { createHandler } from "../http/handler.ts";
import { webhooksClover } from "../routes.ts";
import { ignored, processed, unknownTenant } from "./reply.ts";

/**
 * Orders from Clover. The one-time verification request (its code is what the operator
 * pastes into Clover's dashboard) is acknowledged and its code not logged; notifications
 * are grouped by merchant, and each merchant names the org through its Clover integration.
 */
export const handler = createHandler(webhooksClover, async ({ db, body, log, webhook }) => {
  // The verifier sets a challenge only for the unauthenticated verification POST. The body
  // alone cannot say which it was: a request with a valid X-Clover-Auth may have any shape.
  if (webhook.challenge !== undefined) {
    log.info({ event: "clover.verification_request" });
    return { status: 200, body: { status: "verification_received" } };
  }

  // Authenticated, but a verification body rather than a notification: nothing to act on.
  if (!("merchants" in body)) return ignored();

  let known = 0;
  for (const [merchantId, updates] of Object.entries(body.merchants)) {
    const integration = await findIntegrationByAccount(db, "clover", merchantId);
    if (!integration) continue;
    known += 1;
    for (const update of updates) {
      // Object ids are typed by prefix; "O:" is an order.
      if (!update.objectId.startsWith("O:")) continue;
      const eventId = `${merchantId}:${update.objectId}:${update.type}:${update.ts}`;
      await db.transaction(async (tx) => {
        if (!(await claimEvent(tx, { provider: "clover", eventId, orgId: integration.orgId }))) {
          return;
        }
        await upsertPosOrder(tx, {
          orgId: integration.orgId,
          source: "clover",
          externalId: update.objectId.slice(2),
          status: update.type === "DELETE" ? "canceled" : "pending",
        });
      });
    }
  }
  if (known === 0) throw unknownTenant("merchant");
  return processed();
});
