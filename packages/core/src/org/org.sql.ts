import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../user/user.sql.ts";
import { createdAt, deletedAt, updatedAt } from "../util/sql.ts";

export const organizations = pgTable(
  "organizations",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    /** Drives healthcare detection (CO2); free text so new verticals need no migration. */
    vertical: text("vertical").notNull().default("general"),
    hipaaMode: boolean("hipaa_mode").notNull().default(false),
    /** Stripe's word for the subscription (`active`, `past_due`, `canceled` …); `none` before checkout. */
    billingStatus: text("billing_status").notNull().default("none"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    uniqueIndex("organizations_slug_key").on(t.slug),
    // Stripe's subscription events name the customer; this finds the org they are about.
    uniqueIndex("organizations_stripe_customer_key")
      .on(t.stripeCustomerId)
      .where(sql`${t.stripeCustomerId} is not null`),
  ],
);

/** Ordered from most to least privileged; `requireRole` compares positions. */
export const ROLES = ["owner", "admin", "member"] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum("org_role", ROLES);

export const memberships = pgTable(
  "memberships",
  {
    orgId: uuid("org_id")
      .notNull()
      .references(() => organizations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    // The guard's lookup goes by user first: "which orgs is this user in".
    index("memberships_user_idx").on(t.userId).where(sql`${t.deletedAt} is null`),
  ],
);
