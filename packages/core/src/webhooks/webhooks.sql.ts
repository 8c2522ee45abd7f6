import { pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../util/sql.ts";

/**
 * Every provider event (or internal `webhook-id`) acted on, written in the same
 * transaction as the event's side effect. A repeat finds its row, is acknowledged, and
 * changes nothing; an interrupted delivery left no row and is processed in full when
 * the provider retries.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    provider: text("provider").notNull(),
    eventId: text("event_id").notNull(),
    /** The org the event was scoped to, when it was. */
    orgId: uuid("org_id"),
    receivedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.provider, t.eventId] })],
);
