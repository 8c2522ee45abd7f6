import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

/** The tenant column. Every customer table starts its primary key and indexes with it. */
export const orgId = () => uuid("org_id").notNull();

export const createdAt = () =>
  timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const updatedAt = () =>
  timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

/** Soft delete: a row with a tombstone is hidden from every read but kept for audit. */
export const deletedAt = () => timestamp("deleted_at", { withTimezone: true });

/** Raw bytes: ciphertexts and public keys, never text. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
