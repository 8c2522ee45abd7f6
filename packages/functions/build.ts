import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { assertNodeMajor } from "@voicecraft/core/util/runtime";
import { build, type Metafile } from "esbuild";
import { lambdaBundleOptions } from "./bundle.ts";
import { routeKey } from "./src/http/route.ts";
import { routes } from "./src/routes.ts";

// `npm run build`: bundles every route into its own file, as deployed, and prints what
// each weighs. Fails if a route pulls in the S3 or SES client without declaring storage or
// email.

assertNodeMajor();
const here = fileURLToPath(new URL(".", import.meta.url));
const out = join(here, "dist");
await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });

interface Row {
  route: string;
  file: string;
  bytes: number;
  gzip: number;
  s3: boolean;
}

const rows: Row[] = [];
const problems: string[] = [];
for (const route of routes) {
  const outfile = join(out, route.handler, "index.mjs");
  const result = await build({
    ...lambdaBundleOptions,
    entryPoints: [join(here, "src", `${route.handler}.ts`)],
    outfile,
    metafile: true,
    logLevel: "warning",
  });
  const s3 = bundles(result.metafile, "@aws-sdk/client-s3/");
  if (s3 && !route.uses?.includes("storage")) {
    problems.push(`${routeKey(route)} bundles the S3 client but does not declare storage`);
  }
  if (bundles(result.metafile, "@aws-sdk/client-sesv2/") && !route.uses?.includes("email")) {
    problems.push(`${routeKey(route)} bundles the SES client but does not declare email`);
  }
  const code = readFileSync(outfile);
  rows.push({
    route: routeKey(route),
    file: relative(here, outfile),
    bytes: code.byteLength,
    gzip: gzipSync(code).byteLength,
    s3,
  });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const width = Math.max(...rows.map((row) => row.route.length));
const lines = [
  `${"route".padEnd(width)}  ${"size".padStart(10)}  ${"gzip".padStart(10)}  s3`,
  ...rows.map(
    (row) =>
      `${row.route.padEnd(width)}  ${kb(row.bytes).padStart(10)}  ${kb(row.gzip).padStart(10)}  ${row.s3 ? "yes" : "no"}`,
  ),
];

const largest = rows.reduce((a, b) => (b.bytes > a.bytes ? b : a));
const coldImport = measureColdImport(join(here, largest.file));
lines.push(
  "",
  `largest: ${largest.route} (${kb(largest.bytes)}); cold import, median of 7 fresh ` +
    `processes: ${coldImport.toFixed(1)} ms`,
);
process.stdout.write(`${lines.join("\n")}\n`);

if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\n`);
  process.exit(1);
}

function bundles(metafile: Metafile, packagePath: string): boolean {
  return Object.keys(metafile.inputs).some((input) => input.includes(packagePath));
}

/** Median time to import a bundle in a new Node process, as a Lambda cold start does. */
function measureColdImport(file: string): number {
  const script = [
    "const t = performance.now();",
    `await import(${JSON.stringify(file)});`,
    "process.stdout.write(String(performance.now() - t));",
  ].join("");
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      env: { ...process.env, STAGE: "build-check" },
    });
    if (run.status !== 0) throw new Error(`importing ${file} failed: ${run.stderr}`);
    times.push(Number(run.stdout));
  }
  times.sort((a, b) => a - b);
  return times[3] ?? Number.NaN;
}
