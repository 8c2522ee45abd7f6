import { listAgents } from "@voicecraft/core/agent";
import { argon2idHasher, CURRENT_PARAMS } from "@voicecraft/core/auth";
import { users } from "@voicecraft/core/db/schema";
import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { eq } from "drizzle-orm";
import { Bench } from "tinybench";
import { agentsList, authSignIn } from "../src/routes.ts";
import { startTestApp } from "../test/app.ts";
import { createTenant } from "../test/tenants.ts";

// What a request costs, as ratios within one process on one database (this machine is
// noisy; read the ratios, not the absolute numbers):
// - the route framework: a page of agents through the whole Lambda chain (JWT verify,
//   session row, membership, zod, the middlewares) against calling core directly;
// - sign-in: POST /auth/sign-in through its handler at the production argon2id cost,
//   against one argon2id verification alone, which gives hashing's share of sign-in.

assertNodeMajor();
process.env.LOG_LEVEL ??= "warn";

const app = await startTestApp();
const tenant = await createTenant(app.db, "Bench");
const cookie = await app.cookieFor(tenant.users.member);
const hasher = argon2idHasher(CURRENT_PARAMS);
app.runtime.passwordHasher = hasher;
const PASSWORD = "bench mark passphrase of some length";
const stored = await hasher.hash(PASSWORD);
await app.db.update(users).set({ passwordHash: stored }).where(eq(users.id, tenant.users.owner));
const [owner] = await app.db.select().from(users).where(eq(users.id, tenant.users.owner));
let windows = 0;

const ctx = {
  db: app.db,
  actor: { userId: tenant.users.member, orgId: tenant.orgId, role: "member" as const },
};

const bench = new Bench({ time: 3_000, warmupTime: 300 });
bench
  .add("core listAgents (baseline)", async () => {
    await listAgents(ctx, { limit: 25 });
  })
  .add("GET /orgs/{orgId}/agents through its Lambda handler", async () => {
    const res = await app.call(agentsList, { params: { orgId: tenant.orgId }, cookie });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  })
  .add("argon2id verify alone (production cost)", async () => {
    await hasher.verify(stored, PASSWORD);
  })
  .add("POST /auth/sign-in through its Lambda handler", async () => {
    // Each sign-in lands in a new rate-limit window, so the per-account limit never bites.
    windows += 1;
    const at = Date.now() + windows * 3_600_000;
    app.runtime.now = () => new Date(at);
    const res = await app.call(authSignIn, {
      body: { email: owner?.email, password: PASSWORD },
    });
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
const signIn = rest.find((row) => row.name.startsWith("POST /auth/sign-in"));
const verify = rest.find((row) => row.name.startsWith("argon2id"));
process.stdout.write(`driver: ${process.env.DATABASE_URL ? "postgres" : "pglite"}\n`);
if (signIn && verify) {
  const share = ((verify.mean / signIn.mean) * 100).toFixed(0);
  process.stdout.write(`argon2id share of sign-in: ${share}%\n`);
}
// biome-ignore lint/suspicious/noConsole: the table is what a benchmark prints.
console.table(rows);
