import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { agents } from "../agent/agent.sql.ts";
import { createdAt, deletedAt, orgId } from "../util/sql.ts";

export const KNOWLEDGE_CONTENT_TYPES = [
  "application/pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "text/plain",
  "text/markdown",
] as const;

/** A document an agent answers from; the bytes live in the knowledge bucket under the agent id. */
export const knowledgeDocuments = pgTable(
  "knowledge_documents",
  {
    orgId: orgId(),
    id: uuid("id").notNull(),
    agentId: uuid("agent_id").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    objectKey: text("object_key").notNull(),
    createdAt: createdAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.agentId], foreignColumns: [agents.orgId, agents.id] }),
    index("knowledge_documents_org_agent_idx").on(t.orgId, t.agentId),
    check("knowledge_documents_size_positive", sql`${t.sizeBytes} > 0`),
  ],
);
