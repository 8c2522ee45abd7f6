import { index, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organizations } from "../org/org.sql.ts";
import { createdAt, deletedAt, orgId, updatedAt } from "../util/sql.ts";

export const whatsappTemplateStatusEnum = pgEnum("whatsapp_template_status", [
  "draft",
  "pending",
  "approved",
  "rejected",
  "paused",
  "disabled",
]);

/**
 * A WhatsApp message template. Meta's status webhooks carry the business account id
 * (`ownerId`), which is how a session-less webhook finds the owning org (TN2).
 */
export const whatsappTemplates = pgTable(
  "whatsapp_templates",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    ownerId: text("owner_id").notNull(),
    providerTemplateId: text("provider_template_id"),
    name: text("name").notNull(),
    language: text("language").notNull(),
    category: text("category").notNull(),
    body: text("body").notNull(),
    status: whatsappTemplateStatusEnum("status").notNull().default("draft"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex("whatsapp_templates_provider_id_key").on(t.providerTemplateId),
    index("whatsapp_templates_owner_idx").on(t.ownerId),
  ],
);
