import { createStorage } from "@voicecraft/core/storage";
import { startS3rver } from "@voicecraft/core/test/s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { healthGet } from "../src/routes.ts";
import { startTestApp, type TestApp } from "./app.ts";

let app: TestApp;
let s3: Awaited<ReturnType<typeof startS3rver>>;

beforeAll(async () => {
  [app, s3] = await Promise.all([startTestApp(), startS3rver()]);
});

afterAll(async () => {
  await Promise.all([app.close(), s3.close()]);
});

describe("GET /health", () => {
  it("reports the database and both buckets as up", async () => {
    app.runtime.storage = createStorage({ ...s3, forcePathStyle: true });
    const res = await app.call(healthGet);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: "ok",
      database: { ok: true },
      storage: { ok: true },
    });
  });

  it("answers 503 with a code, not a message, when storage refuses our credentials", async () => {
    app.runtime.storage = createStorage({
      ...s3,
      secretAccessKey: "wrong-secret",
      forcePathStyle: true,
    });
    const res = await app.call(healthGet);
    expect(res.status).toBe(503);
    expect(res.json).toMatchObject({
      status: "degraded",
      database: { ok: true },
      storage: { ok: false, error: "STORAGE_FORBIDDEN" },
    });
    expect(JSON.stringify(res.json)).not.toContain(s3.endpoint);
  });
});
