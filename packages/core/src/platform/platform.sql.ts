import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "../user/user.sql.ts";
import { bytea, createdAt } from "../util/sql.ts";

export const platformRoleEnum = pgEnum("platform_role", ["support", "admin"]);

/**
 * Staff roles. Revocation sets `revoked_at`; privileged requests re-read this table
 * every time (ST3), so the next request after a revocation is refused.
 */
export const platformRoleAssignments = pgTable(
  "platform_role_assignments",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: platformRoleEnum("role").notNull(),
    grantedBy: uuid("granted_by").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("platform_role_assignments_active_key")
      .on(t.userId, t.role)
      .where(sql`${t.revokedAt} is null`),
  ],
);

/** WebAuthn credentials for staff step-up (ST1). */
export const passkeys = pgTable(
  "passkeys",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** The authenticator's credential id, base64url, as SimpleWebAuthn reports it. */
    credentialId: text("credential_id").notNull(),
    publicKey: bytea("public_key").notNull(),
    signCount: bigint("sign_count", { mode: "number" }).notNull().default(0),
    transports: text("transports").notNull().default(""),
    name: text("name").notNull().default(""),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("passkeys_credential_id_key").on(t.credentialId),
    index("passkeys_user_idx").on(t.userId),
  ],
);
