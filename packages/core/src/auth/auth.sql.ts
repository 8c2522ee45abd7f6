import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../user/user.sql.ts";
import { createdAt } from "../util/sql.ts";

/**
 * A 6-digit email verification code. Only its keyed hash is stored; it expires after 10
 * minutes and dies after 5 wrong tries.
 */
export const emailVerifications = pgTable(
  "email_verifications",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("email_verifications_user_idx").on(t.userId, t.id)],
);

/** A single-use password reset token, stored only as its SHA-256; valid for 30 minutes. */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull().unique("password_resets_token_hash_key"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index("password_resets_user_idx").on(t.userId)],
);

/**
 * One OpenID Connect sign-in in progress: the state (hashed, it arrives in a URL), the
 * nonce and the PKCE verifier, tied to the browser that started it by a cookie holding
 * the row id. Single use, 10 minutes.
 */
export const oauthFlows = pgTable("oauth_flows", {
  id: uuid("id").primaryKey(),
  provider: text("provider").notNull(),
  stateHash: text("state_hash").notNull().unique("oauth_flows_state_hash_key"),
  nonce: text("nonce").notNull(),
  codeVerifier: text("code_verifier").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** A sign-in identity at an outside provider (Google's `sub`), linked to one user. */
export const userIdentities = pgTable(
  "user_identities",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    email: text("email").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.subject] }),
    index("user_identities_user_idx").on(t.userId),
  ],
);
