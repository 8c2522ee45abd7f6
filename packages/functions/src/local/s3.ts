import { mkdir, readFile } from "node:fs/promises";
import type { Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { log } from "@voicecraft/core/log";

// The local stand-in for R2: @20minutes/s3rver, started in-process. It checks SigV4
// signatures and presigned-URL expiry the way R2 does, so local runs and tests exercise
// the same signing as production. Bucket-level calls and paged listings depend on the
// patch in packages/functions/patches (applied by the root postinstall script).

/** The slice of s3rver's untyped API used here. */
interface S3rverServer {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverConstructor = new (options: {
  address: string;
  port: number;
  directory: string;
  silent: boolean;
  vhostBuckets: boolean;
  allowMismatchedSignatures: boolean;
  configureBuckets: { name: string }[];
}) => S3rverServer;

// s3rver is CommonJS without type declarations; require() keeps its typing to the
// interface above instead of an ambient declaration for the whole package.
const require = createRequire(import.meta.url);
const S3rver = require("@20minutes/s3rver") as S3rverConstructor;

/** The files packages/functions/patches changes; each patched hunk carries this marker. */
const PATCHED_FILES = ["lib/middleware/authentication.js", "lib/controllers/bucket.js"];
const PATCH_MARKER = "VoiceCraft patch";

/** The one key pair s3rver knows. */
const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface LocalS3Options {
  /** 0 picks a free port. */
  port: number;
  /** Where objects are kept; created if missing and left in place on close. */
  directory: string;
  /** Bucket names, created at start when missing. */
  buckets: { recordings: string; knowledge: string };
  /** Defaults to 127.0.0.1, so the server is not reachable from other machines. */
  address?: string;
}

/** A running local S3 server and what a client needs to reach it. */
export interface LocalS3 {
  /** Path-style only: clients must set `forcePathStyle`. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  buckets: { recordings: string; knowledge: string };
  close(): Promise<void>;
}

/** Starts the local S3-compatible server with both buckets in place. */
export async function startLocalS3(options: LocalS3Options): Promise<LocalS3> {
  await assertPatched();
  const address = options.address ?? "127.0.0.1";
  await mkdir(options.directory, { recursive: true });

  const server = new S3rver({
    address,
    port: options.port,
    directory: options.directory,
    silent: true,
    // Buckets are addressed by path; with vhost lookup on, a request to a host name that
    // is not localhost would be read as a bucket name.
    vhostBuckets: false,
    // Stated rather than defaulted: a request with a bad signature must fail locally as
    // it does on R2.
    allowMismatchedSignatures: false,
    configureBuckets: [{ name: options.buckets.recordings }, { name: options.buckets.knowledge }],
  });
  const { port } = await server.run();
  const endpoint = `http://${address}:${port}`;
  log.info({ endpoint, directory: options.directory }, "local S3 listening");

  return {
    endpoint,
    ...S3RVER_CREDENTIALS,
    buckets: { ...options.buckets },
    async close() {
      const closed = server.close();
      // Without this, close waits for clients' keep-alive sockets to time out (seconds).
      server.httpServer.closeAllConnections();
      await closed;
    },
  };
}

/**
 * Fails fast when s3rver runs unpatched, which otherwise shows up far away as 403s on
 * bucket-level calls and 500s on long listings. `npm install <package>` skips the root
 * postinstall script that applies the patch.
 */
async function assertPatched(): Promise<void> {
  for (const file of PATCHED_FILES) {
    const source = await readFile(require.resolve(`@20minutes/s3rver/${file}`), "utf8");
    if (source.includes(PATCH_MARKER)) continue;
    throw new Error(
      `@20minutes/s3rver is not patched (${file}). Run \`npm run postinstall\` at the repo root.`,
    );
  }
}
