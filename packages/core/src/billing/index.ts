import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../db/index.ts";
import { organizations } from "../org/org.sql.ts";

// Billing state from Stripe's webhooks. Payment itself happens only on Stripe-hosted
// checkout (CO3): what reaches us is who paid and the subscription's status, never a card.

/** A live org by id, or null: checkout sessions carry the org id we gave Stripe. */
export async function findOrgForCheckout(db: Executor, orgId: string) {
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, orgId), isNull(organizations.deletedAt)));
  return org ?? null;
}

/** The org of a Stripe customer, or null: subscription events name only the customer. */
export async function findOrgByStripeCustomer(db: Executor, customerId: string) {
  const [org] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.stripeCustomerId, customerId));
  return org ?? null;
}

/** Links the org to its Stripe customer and subscription after a completed checkout. */
export async function applyCheckout(
  db: Executor,
  input: { orgId: string; customerId: string; subscriptionId: string | null },
): Promise<void> {
  await db
    .update(organizations)
    .set({
      stripeCustomerId: input.customerId,
      stripeSubscriptionId: input.subscriptionId,
      billingStatus: "active",
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, input.orgId));
}

/** Stripe's subscription statuses we store as they are. */
export const SUBSCRIPTION_STATUSES = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
] as const;

/** Records a subscription's new status. */
export async function applySubscriptionStatus(
  db: Executor,
  input: { orgId: string; subscriptionId: string; status: (typeof SUBSCRIPTION_STATUSES)[number] },
): Promise<void> {
  await db
    .update(organizations)
    .set({
      stripeSubscriptionId: input.subscriptionId,
      billingStatus: input.status,
      updatedAt: new Date(),
    })
    .where(eq(organizations.id, input.orgId));
}
