import { sql } from "drizzle-orm";
import {
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organizations } from "../org/org.sql.ts";
import { bytea, createdAt, orgId, updatedAt } from "../util/sql.ts";

export const INTEGRATION_PROVIDERS = [
  "google_calendar",
  "microsoft",
  "hubspot",
  "square",
  "clover",
] as const;
export const integrationProviderEnum = pgEnum("integration_provider", INTEGRATION_PROVIDERS);

/**
 * An OAuth connection. Tokens are stored only as AES-256-GCM ciphertext (IT1) with the
 * version of the key that sealed them (IT3); the key itself never comes near this table.
 */
export const integrations = pgTable(
  "integrations",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    provider: integrationProviderEnum("provider").notNull(),
    /** The provider's account or merchant id; webhooks without a session are scoped by it. */
    externalAccountId: text("external_account_id").notNull(),
    accessTokenCiphertext: bytea("access_token_ciphertext").notNull(),
    refreshTokenCiphertext: bytea("refresh_token_ciphertext"),
    keyVersion: integer("key_version").notNull(),
    scopes: text("scopes").notNull().default(""),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Set by the provider's change notifications; the sync job clears it once it has run. */
    changesPendingAt: timestamp("changes_pending_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("integrations_provider_account_key")
      .on(t.provider, t.externalAccountId)
      .where(sql`${t.revokedAt} is null`),
    // Key rotation walks tokens by version; this index makes "is any token left under
    // version N" a cheap question.
    index("integrations_key_version_idx").on(t.keyVersion),
  ],
);
