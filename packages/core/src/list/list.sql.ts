import { foreignKey, index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../org/org.sql.ts";
import { createdAt, deletedAt, orgId, updatedAt } from "../util/sql.ts";

/** A contact list an agent can call or message (campaigns, reminders). */
export const lists = pgTable(
  "lists",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    name: text("name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const listMembers = pgTable(
  "list_members",
  {
    orgId: orgId(),
    id: uuid("id").notNull(),
    listId: uuid("list_id").notNull(),
    name: text("name").notNull(),
    phoneNumber: text("phone_number"),
    email: text("email"),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.listId], foreignColumns: [lists.orgId, lists.id] }),
    index("list_members_org_list_idx").on(t.orgId, t.listId, t.id),
  ],
);
