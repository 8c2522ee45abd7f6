import { listAgents } from "@voicecraft/core/agent";
import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { Bench } from "tinybench";
import { agentsList } from "../src/routes.ts";
import { startTestApp } from "../test/app.ts";
import { createTenant } from "../test/tenants.ts";

// What the route framework costs per request: the same page of agents read through the
// whole Lambda chain (header normalizing, JWT verify, session row, membership, zod, the
// error and header middlewares) and by calling core directly, in one process, on one
// database. Read the ratio, not the absolute numbers: this machine is noisy.

assertNodeMajor();
process.env.LOG_LEVEL ??= "warn";

const app = await startTestApp();
const tenant = await createTenant(app.db, "Bench");
const cookie = await app.cookieFor(tenant.users.member);
const ctx = {
  db: app.db,
  actor: { userId: tenant.users.member, orgId: tenant.orgId, role: "member" as const },
};

const bench = new Bench({ time: 2_000, warmupTime: 300 });
bench
  .add("core listAgents (baseline)", async () => {
    await listAgents(ctx, { limit: 25 });
  })
  .add("GET /orgs/{orgId}/agents through its Lambda handler", async () => {
    const res = await app.call(agentsList, { params: { orgId: tenant.orgId }, cookie });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  });

await bench.run();
await app.close();

const [baseline, ...rest] = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`);
  return { name: task.name, mean: result.latency.mean, p99: result.latency.p99 };
});
if (!baseline) throw new Error("no baseline");
const rows = [baseline, ...rest].map((row) => ({
  task: row.name,
  "mean (µs)": Math.round(row.mean * 1000),
  "p99 (µs)": Math.round(row.p99 * 1000),
  "× baseline": (row.mean / baseline.mean).toFixed(2),
}));
process.stdout.write(`driver: ${process.env.DATABASE_URL ? "postgres" : "pglite"}\n`);
// biome-ignore lint/suspicious/noConsole: the table is what a benchmark prints.
console.table(rows);
