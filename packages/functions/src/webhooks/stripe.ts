import {
  applyCheckout,
  applySubscriptionStatus,
  findOrgByStripeCustomer,
  findOrgForCheckout,
  SUBSCRIPTION_STATUSES,
} from "@voicecraft/core/billing";
import { isId } from "@voicecraft/core/util/id";
import { claimEvent } from "@voicecraft/core/webhooks/ledger";
import { createHandler } from "../http/handler.ts";
import { webhooksStripe } from "../routes.ts";
import { duplicate, ignored, processed, unknownTenant } from "./reply.ts";

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const isSubscriptionStatus = (value: unknown): value is (typeof SUBSCRIPTION_STATUSES)[number] =>
  SUBSCRIPTION_STATUSES.includes(value as never);

/**
 * Billing state from Stripe. Checkout sessions carry the org id we gave Stripe as
 * `client_reference_id`; subscription events carry the customer, which a completed
 * checkout tied to the org. The event id is recorded with the change, in one transaction.
 */
export const handler = createHandler(webhooksStripe, async ({ db, body }) => {
  const object = body.data.object;

  if (body.type === "checkout.session.completed") {
    const orgId = str(object.client_reference_id);
    const customerId = str(object.customer);
    if (!orgId || !isId(orgId) || !customerId) return ignored();
    const org = await findOrgForCheckout(db, orgId);
    if (!org) throw unknownTenant("checkout");
    return db.transaction(async (tx) => {
      if (!(await claimEvent(tx, { provider: "stripe", eventId: body.id, orgId }))) {
        return duplicate();
      }
      await applyCheckout(tx, {
        orgId,
        customerId,
        subscriptionId: str(object.subscription) ?? null,
      });
      return processed();
    });
  }

  if (body.type.startsWith("customer.subscription.")) {
    const customerId = str(object.customer);
    const subscriptionId = str(object.id);
    const status = body.type === "customer.subscription.deleted" ? "canceled" : object.status;
    if (!customerId || !subscriptionId || !isSubscriptionStatus(status)) return ignored();
    const org = await findOrgByStripeCustomer(db, customerId);
    if (!org) throw unknownTenant("customer");
    return db.transaction(async (tx) => {
      if (!(await claimEvent(tx, { provider: "stripe", eventId: body.id, orgId: org.id }))) {
        return duplicate();
      }
      await applySubscriptionStatus(tx, { orgId: org.id, subscriptionId, status });
      return processed();
    });
  }

  return ignored();
});
