// Every table drizzle-kit migrates and the query builder knows about.
export * from "../agent/agent.sql.ts";
export * from "../audit/audit.sql.ts";
export * from "../auth/auth.sql.ts";
export * from "../call/call.sql.ts";
export * from "../catalog/catalog.sql.ts";
export * from "../form/form.sql.ts";
export * from "../integration/integration.sql.ts";
export * from "../knowledge/knowledge.sql.ts";
export * from "../list/list.sql.ts";
export * from "../order/order.sql.ts";
export * from "../org/org.sql.ts";
export * from "../platform/platform.sql.ts";
export * from "../ratelimit/ratelimit.sql.ts";
export * from "../session/session.sql.ts";
export * from "../user/user.sql.ts";
export * from "../webhooks/webhooks.sql.ts";
export * from "../whatsapp/whatsapp.sql.ts";
