import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localSecrets } from "../src/local/secrets.ts";
import { readBack, simulateCall } from "../src/local/simulate-call.ts";
import { type LocalPlatform, startLocalPlatform } from "../src/local/start.ts";

// `npm run simulate:call` against what `npm start` runs: the real gateway, handlers,
// PGlite and local S3, over HTTP, signed as Twilio and the voice runtime sign.

let platform: LocalPlatform;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "voicecraft-simulate-"));
  platform = await startLocalPlatform({
    dataDir,
    port: 0,
    s3Port: 0,
    env: {},
    buildWeb: false,
    webRoot: join(dataDir, "no-web"),
  });
});

afterAll(async () => {
  await platform?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("npm run simulate:call", () => {
  it("TC1: a simulated call lands with its transcript, and its stored tool arguments hold no PII", async () => {
    const call = await simulateCall(platform.url, await localSecrets(dataDir));
    expect(call.pii.length).toBeGreaterThan(5);
    const { shown, leaks } = await readBack(platform.url, call);
    expect(leaks).toEqual([]);
    expect(shown.status).toBe("completed");
    expect(shown.summary).toContain("whitening kit");
    expect(shown.transcript.map((segment) => segment.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shown.toolInvocations.map((tool) => tool.toolName).sort()).toEqual([
      "book_appointment",
      "process_order",
    ]);
    expect(JSON.stringify(shown.toolInvocations)).toContain("cleaning");
  });
});
