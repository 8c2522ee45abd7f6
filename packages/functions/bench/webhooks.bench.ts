import { randomUUID } from "node:crypto";
import { transcriptSegments } from "@voicecraft/core/db/schema";
import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { Bench } from "tinybench";
import { internalTranscript, webhooksStripe } from "../src/routes.ts";
import { startTestApp } from "../test/app.ts";
import { asRuntime, asStripe, SECRETS_FOR_TESTS } from "../test/signing.ts";
import { createTenant } from "../test/tenants.ts";

// What verification and the webhook ledger cost per event: one transcript segment
// delivered by the voice runtime through its Lambda handler (Standard Webhooks check,
// call lookup, replay claim and insert in one transaction) against a bare insert of the
// same row, in one process on one database. Read the ratio: this machine is noisy.

assertNodeMajor();
process.env.LOG_LEVEL ??= "warn";

const app = await startTestApp(SECRETS_FOR_TESTS);
const tenant = await createTenant(app.db, "Bench");
const orgId = tenant.orgId;
const callId = tenant.callId;
let seq = 10;

const bench = new Bench({ time: 3_000, warmupTime: 300 });
bench
  .add("bare insert of a transcript segment (baseline)", async () => {
    seq += 1;
    await app.db.insert(transcriptSegments).values({
      orgId,
      callId,
      seq,
      speaker: "caller",
      text: "I'd like a cleaning on Friday.",
      startMs: seq * 1000,
    });
  })
  .add("POST /internal/calls/{callId}/transcript, verified and persisted", async () => {
    seq += 1;
    const res = await app.call(internalTranscript, {
      params: { callId },
      ...asRuntime({
        segments: [
          { seq, speaker: "caller", text: "I'd like a cleaning on Friday.", startMs: seq * 1000 },
        ],
      }),
    });
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  })
  .add("POST /webhooks/stripe, verified, event type not used", async () => {
    const res = await app.call(
      webhooksStripe,
      asStripe({ id: `evt_${randomUUID()}`, type: "invoice.paid", data: { object: {} } }),
    );
    if (res.status !== 200) throw new Error(`status ${res.status}`);
  });

await bench.run();
await app.close();

const rows = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`);
  return { name: task.name, mean: result.latency.mean, hz: result.throughput.mean };
});
const baseline = rows[0];
if (!baseline) throw new Error("no baseline");
process.stdout.write(`driver: ${process.env.DATABASE_URL ? "postgres" : "pglite"}\n`);
// biome-ignore lint/suspicious/noConsole: the table is what a benchmark prints.
console.table(
  rows.map((row) => ({
    task: row.name,
    "mean (µs)": Math.round(row.mean * 1000),
    "events/s": Math.round(row.hz),
    "× baseline": (row.mean / baseline.mean).toFixed(2),
  })),
);
