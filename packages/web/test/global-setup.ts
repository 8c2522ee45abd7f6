import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built site, as CloudFront would serve it. */
    distDir: string;
  }
}

const webRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * Builds the site the way CI does (`astro build`), in a child process so Astro's Vite
 * and Vitest's never share a process, and into a temporary folder so a developer's
 * `dist` is left alone.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = await mkdtemp(join(tmpdir(), "voicecraft-web-"));
  const astro = createRequire(import.meta.url)
    .resolve("astro/package.json")
    .replace(/package\.json$/, "bin/astro.mjs");

  // The pages under test call the API on their own origin, whatever the shell says.
  const { PUBLIC_API_URL: _ignored, ...env } = process.env;
  try {
    await promisify(execFile)(process.execPath, [astro, "build", "--outDir", outDir], {
      cwd: webRoot,
      env: { ...env, ASTRO_TELEMETRY_DISABLED: "1" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`astro build failed:\n${stdout}\n${stderr}`);
  }

  project.provide("distDir", outDir);
  return () => rm(outDir, { recursive: true, force: true });
}
