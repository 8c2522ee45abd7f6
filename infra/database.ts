import { Cron, Script, Function as SstFunction, type StackContext, use } from "sst/constructs";
import { Secrets } from "./secrets.ts";

/**
 * Applies pending migrations on every deploy, before the API stack (which depends on this
 * one) ships code that expects the new schema. A failed migration fails the deploy.
 *
 * The database itself is external PostgreSQL with point-in-time recovery at the provider
 * (DP1); see `Secrets`.
 */
export function Database({ stack }: StackContext): { migrate: SstFunction } {
  const secrets = use(Secrets);

  // One function serves both create and update, so the bundle is built once.
  const migrate = new SstFunction(stack, "Migrate", {
    handler: "packages/functions/src/jobs/migrate.handler",
    // Large migrations may lock and rewrite tables; the Script resource allows 15 minutes.
    timeout: "15 minutes",
    enableLiveDev: false,
    bind: [secrets.DATABASE_URL],
    // Drizzle's migrator reads the SQL files and meta/_journal.json at run time, so they
    // ship beside the bundle rather than inside it.
    copyFiles: [{ from: "packages/core/migrations", to: "migrations" }],
  });

  new Script(stack, "Migrations", { onCreate: migrate, onUpdate: migrate });

  // Expired sessions, sign-in flows, codes and rate-limit windows, removed daily in
  // batches. Audit tables are append-only and never pruned (AD3).
  new Cron(stack, "Prune", {
    schedule: "rate(1 day)",
    job: {
      function: {
        handler: "packages/functions/src/jobs/prune.handler",
        timeout: "15 minutes",
        bind: [secrets.DATABASE_URL],
      },
    },
  });
  return { migrate };
}
