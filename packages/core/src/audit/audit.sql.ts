import { index, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../util/sql.ts";

export const AUTH_EVENT_TYPES = [
  "sign_in",
  "sign_up",
  "sign_out",
  "password_change",
  "google_oauth",
  "password_reset_request",
  "password_reset",
  "email_verification",
  "impersonation_start",
  "impersonation_stop",
  "passkey_enrollment",
  "passkey_assertion",
  "platform_elevation",
] as const;
export const authEventTypeEnum = pgEnum("auth_event_type", AUTH_EVENT_TYPES);
export const outcomeEnum = pgEnum("auth_event_outcome", ["success", "failure"]);

/**
 * Who tried to get in, from where, and what happened (AD1). Append-only: a trigger in
 * the migrations refuses UPDATE and DELETE on this table (AD3).
 */
export const authEvents = pgTable(
  "auth_events",
  {
    id: uuid("id").primaryKey(),
    type: authEventTypeEnum("type").notNull(),
    outcome: outcomeEnum("outcome").notNull(),
    /** Stable code for the outcome (`BAD_CREDENTIALS`, `RATE_LIMITED` …), never free text. */
    reason: text("reason"),
    userId: uuid("user_id"),
    orgId: uuid("org_id"),
    actorUserId: uuid("actor_user_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    country: text("country"),
    region: text("region"),
    city: text("city"),
    createdAt: createdAt(),
  },
  (t) => [
    index("auth_events_user_idx").on(t.userId, t.id),
    index("auth_events_org_idx").on(t.orgId, t.id),
  ],
);

/**
 * What was read, exported, changed or deleted, by whom, with before and after
 * snapshots (AD2). Append-only like `auth_events` (AD3).
 */
export const auditLogs = pgTable(
  "audit_logs",
  {
    id: uuid("id").primaryKey(),
    orgId: uuid("org_id"),
    actorUserId: uuid("actor_user_id"),
    /** `user`, `staff` (impersonating or elevated), or `system` for jobs and webhooks. */
    actorKind: text("actor_kind").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_logs_org_idx").on(t.orgId, t.id)],
);
