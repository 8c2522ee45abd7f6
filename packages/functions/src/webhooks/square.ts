import { findIntegrationByAccount } from "@voicecraft/core/integration";
import { upsertPosOrder } from "@voicecraft/core/order";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import { createHandler } from "../http/handler.ts";
import { webhooksSquare } from "../routes.ts";
import { duplicate, ignored, processed, unknownTenant } from "./reply.ts";

/** Square order states, as our order statuses. */
const STATUS = {
  DRAFT: "pending",
  OPEN: "pending",
  COMPLETED: "fulfilled",
  CANCELED: "canceled",
} as const;

/**
 * Orders from Square. The merchant names the org (through its Square integration); the
 * event id is claimed in the same transaction as the order's change.
 */
export const handler = createHandler(webhooksSquare, async ({ db, body }) => {
  if (!body.type.startsWith("order.")) return ignored();
  const detail = Object.values(body.data.object ?? {})[0] as
    | { order_id?: unknown; state?: unknown }
    | undefined;
  const orderId = typeof detail?.order_id === "string" ? detail.order_id : body.data.id;
  const status = STATUS[detail?.state as keyof typeof STATUS] ?? "pending";

  const integration = await findIntegrationByAccount(db, "square", body.merchant_id);
  if (!integration) throw unknownTenant("merchant");

  return db.transaction(async (tx) => {
    const eventId = body.event_id;
    if (!(await claimEvent(tx, { provider: "square", eventId, orgId: integration.orgId }))) {
      return duplicate();
    }
    await upsertPosOrder(tx, {
      orgId: integration.orgId,
      source: "square",
      externalId: orderId.slice(0, 128),
      status,
    });
    return processed();
  });
});
