import { foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { agents } from "../agent/agent.sql.ts";
import { calls } from "../call/call.sql.ts";
import { organizations } from "../org/org.sql.ts";
import { createdAt, deletedAt, orgId, updatedAt } from "../util/sql.ts";

/** One field of a form, as the agent collects it during a call. */
export interface FormField {
  key: string;
  label: string;
  type: "text" | "phone" | "email" | "date" | "number" | "choice";
  required: boolean;
  options?: string[];
}

export const forms = pgTable(
  "forms",
  {
    orgId: orgId().references(() => organizations.id),
    id: uuid("id").notNull(),
    agentId: uuid("agent_id"),
    name: text("name").notNull(),
    fields: jsonb("fields").$type<FormField[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }),
  ],
);

export const formSubmissions = pgTable(
  "form_submissions",
  {
    orgId: orgId(),
    id: uuid("id").notNull(),
    formId: uuid("form_id").notNull(),
    callId: uuid("call_id"),
    data: jsonb("data").$type<Record<string, string | number | boolean | null>>().notNull(),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.formId], foreignColumns: [forms.orgId, forms.id] }),
    foreignKey({ columns: [t.orgId, t.callId], foreignColumns: [calls.orgId, calls.id] }),
    index("form_submissions_org_form_idx").on(t.orgId, t.formId, t.id),
  ],
);
