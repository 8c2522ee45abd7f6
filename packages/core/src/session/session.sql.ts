import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "../user/user.sql.ts";
import { createdAt } from "../util/sql.ts";

/**
 * The server half of a session. The cookie holds a signed JWT naming this row; a
 * revoked or expired row makes the JWT worthless even while its signature is valid.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
