import { Bench } from "tinybench";
import { redactToolArguments } from "../src/redaction/index.ts";
import { assertNodeMajor } from "../src/util/runtime.ts";
import { buildCorpus } from "../test/redaction/corpus.ts";

// What redaction costs, against JSON.stringify of the same objects in the same process
// (storing the arguments serializes them anyway, so the ratio reads as "how many
// serializations"). This machine is noisy: read the ratios, not the absolute numbers.
// - a typical tool call: the corpus entry of median size, the same one every iteration,
//   and the largest entry under 1 KB;
// - the corpus: all entries in one iteration, which gives the throughput.

assertNodeMajor();

const corpus = buildCorpus();
const typical = corpus.filter((entry) => JSON.stringify(entry.args).length < 1024);
const sizes = typical.map((entry) => JSON.stringify(entry.args).length).sort((a, b) => a - b);
const median = sizes[Math.floor(sizes.length / 2)] ?? 0;
// The call whose size is the median of those under 1 KB, so "typical" is not picked by hand.
const call = typical.find((entry) => JSON.stringify(entry.args).length === median)?.args;
if (!call) throw new Error("no typical call in the corpus");
const largest = typical.find(
  (entry) => JSON.stringify(entry.args).length === sizes[sizes.length - 1],
)?.args;
if (!largest) throw new Error("no call under 1 KB in the corpus");
const all = corpus.map((entry) => entry.args);
const corpusBytes = all.reduce<number>((sum, args) => sum + JSON.stringify(args).length, 0);
let sink = 0;

const bench = new Bench({ time: 2_000, warmupTime: 300 });
bench
  .add("JSON.stringify, typical call (baseline)", () => {
    sink += JSON.stringify(call).length;
  })
  .add("redactToolArguments, typical call", () => {
    sink += redactToolArguments(call).findings.length;
  })
  .add("JSON.stringify, largest call under 1 KB (baseline)", () => {
    sink += JSON.stringify(largest).length;
  })
  .add("redactToolArguments, largest call under 1 KB", () => {
    sink += redactToolArguments(largest).findings.length;
  })
  .add("JSON.stringify, whole corpus (baseline)", () => {
    for (const args of all) sink += JSON.stringify(args).length;
  })
  .add("redactToolArguments, whole corpus", () => {
    for (const args of all) sink += redactToolArguments(args).findings.length;
  });

await bench.run();

const results = new Map(
  bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== "completed") throw new Error(`${task.name}: ${result.state}`);
    return [task.name, { mean: result.latency.mean, p99: result.latency.p99 }];
  }),
);

function row(name: string, baseline: string) {
  const r = results.get(name);
  const b = results.get(baseline);
  if (!r || !b) throw new Error(`missing ${name}`);
  return {
    task: name,
    "mean (µs)": (r.mean * 1000).toFixed(1),
    "p99 (µs)": (r.p99 * 1000).toFixed(1),
    "× baseline": (r.mean / b.mean).toFixed(1),
  };
}

const typicalBaseline = "JSON.stringify, typical call (baseline)";
const largestBaseline = "JSON.stringify, largest call under 1 KB (baseline)";
const corpusBaseline = "JSON.stringify, whole corpus (baseline)";
const corpusRun = results.get("redactToolArguments, whole corpus");
const perCall = corpusRun ? (corpusRun.mean * 1000) / all.length : 0;
const callsPerSecond = corpusRun ? Math.round((all.length / corpusRun.mean) * 1000) : 0;
const megabytes = corpusRun ? corpusBytes / 1e6 / (corpusRun.mean / 1000) : 0;

process.stdout.write(
  `typical call: ${median} bytes of JSON (the median); largest under 1 KB: ` +
    `${sizes[sizes.length - 1]} bytes; corpus: ${all.length} calls, ${corpusBytes} bytes\n` +
    `corpus throughput: ${callsPerSecond} calls/s, ${megabytes.toFixed(2)} MB/s of JSON, ` +
    `${perCall.toFixed(1)} µs per call on average\n`,
);
// biome-ignore lint/suspicious/noConsole: the table is what a benchmark prints.
console.table([
  row(typicalBaseline, typicalBaseline),
  row("redactToolArguments, typical call", typicalBaseline),
  row(largestBaseline, largestBaseline),
  row("redactToolArguments, largest call under 1 KB", largestBaseline),
  row(corpusBaseline, corpusBaseline),
  row("redactToolArguments, whole corpus", corpusBaseline),
]);
if (sink === 0) process.stdout.write("\n");
