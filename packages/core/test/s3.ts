import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
// One implementation of the local S3 server: the local platform's. It lives in functions
// because that package declares @20minutes/s3rver, so the import resolves without relying
// on npm hoisting it to the root.
import { type LocalS3, startLocalS3 } from "../../functions/src/local/s3.ts";

/**
 * A fresh S3-compatible server for one test file: the patched s3rver on 127.0.0.1, a free
 * port, an empty temporary directory (removed on close) and both buckets created.
 */
export async function startS3rver(): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), "vc-s3rver-"));
  const server = await startLocalS3({
    port: 0,
    directory,
    buckets: { recordings: "vc-test-recordings", knowledge: "vc-test-knowledge" },
  });
  return {
    ...server,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
