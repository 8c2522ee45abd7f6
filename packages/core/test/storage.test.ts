import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  DeleteObjectsCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from "@aws-sdk/client-s3";
import type { FinalizeRequestMiddleware } from "@smithy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createStorage,
  MAX_KNOWLEDGE_DOCUMENT_BYTES,
  parseObjectKey,
  type Storage,
  type StorageConfig,
} from "../src/storage/index.ts";
import { VisibleError } from "../src/util/errors.ts";
import { startS3rver } from "./s3.ts";

// Everything here runs against a real (patched) s3rver with signature checks on; no
// module is mocked. Each test uses fresh agent ids, so tests never see each other's objects.

let server: Awaited<ReturnType<typeof startS3rver>>;
let config: StorageConfig;
let storage: Storage;

beforeAll(async () => {
  server = await startS3rver();
  config = {
    endpoint: server.endpoint,
    accessKeyId: server.accessKeyId,
    secretAccessKey: server.secretAccessKey,
    buckets: server.buckets,
    forcePathStyle: true,
  };
  storage = createStorage(config);
});

afterAll(async () => {
  await server?.close();
});

/** A raw SDK client on the same server, for checks the storage module does not offer. */
function rawClient(secretAccessKey = server.secretAccessKey): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: "auto",
    forcePathStyle: true,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey },
  });
}

/** Lets a test see or change each request after the SDK signed it, as it goes on the wire. */
function afterSigning(client: S3Client, name: string, touch: (request: { path: string }) => void) {
  const middleware: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
    (next) => async (args) => {
      touch(args.request as { path: string });
      return next(args);
    };
  client.middlewareStack.addRelativeTo(middleware, {
    relation: "after",
    toMiddleware: "httpSigningMiddleware",
    name,
  });
}

async function exists(client: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) {
      return false;
    }
    throw error;
  }
}

async function listKeys(client: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** The error code a storage call rejected with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof VisibleError) return error.code;
    throw error;
  }
  throw new Error("Expected the call to fail.");
}

/** The error code a synchronous call threw. */
function thrownCode(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    if (error instanceof VisibleError) return error.code;
    throw error;
  }
  throw new Error("Expected the call to fail.");
}

async function putDocument(agentId: string, text: string) {
  return storage.putKnowledgeDocument({
    agentId,
    documentId: randomUUID(),
    body: new TextEncoder().encode(text),
    contentType: "text/plain",
  });
}

async function putRecording(agentId: string, bytes = new Uint8Array([82, 73, 70, 70])) {
  return storage.putRecording({
    agentId,
    callId: randomUUID(),
    extension: "wav",
    body: bytes,
    contentType: "audio/wav",
  });
}

/** Runs `task` for 0..count-1 with at most `width` in flight. */
async function inParallel(count: number, width: number, task: (i: number) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

describe("local S3 server (patched s3rver)", () => {
  it("accepts SDK-signed bucket-level calls on /<bucket>/: ListObjectsV2, HeadBucket, DeleteObjects", async () => {
    // Unpatched, s3rver rebuilt these paths as `/<bucket>` and answered 403
    // SignatureDoesNotMatch; the recorded paths show the slash the SDK really signs.
    const client = rawClient();
    const paths: string[] = [];
    afterSigning(client, "recordPath", (request) => {
      paths.push(request.path);
    });
    const agentId = randomUUID();
    const { key } = await putRecording(agentId);
    const bucket = server.buckets.recordings;

    const list = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `recordings/${agentId}/` }),
    );
    expect(list.Contents?.map((object) => object.Key)).toEqual([key]);
    const head = await client.send(new HeadBucketCommand({ Bucket: bucket }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    const deleted = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: key }] } }),
    );
    expect(deleted.Deleted?.map((object) => object.Key)).toEqual([key]);

    expect(paths).toEqual([`/${bucket}/`, `/${bucket}/`, `/${bucket}/`]);
    expect(await exists(client, bucket, key)).toBe(false);
  });

  it("refuses a bucket-level request sent to a path other than the one signed", async () => {
    // The patch keeps the slash the client sent; it must not accept a signature over
    // `/<bucket>/` for a request to `/<bucket>`.
    const client = rawClient();
    afterSigning(client, "dropSlash", (request) => {
      request.path = request.path.replace(/\/$/, "");
    });
    const refused = client.send(new ListObjectsV2Command({ Bucket: server.buckets.recordings }));
    await expect(refused).rejects.toMatchObject({
      name: "SignatureDoesNotMatch",
      $metadata: { httpStatusCode: 403 },
    });
  });

  it("refuses requests signed with the wrong secret (403)", async () => {
    const client = rawClient("not-the-secret");
    await expect(
      client.send(new ListObjectsV2Command({ Bucket: server.buckets.recordings })),
    ).rejects.toMatchObject({ name: "SignatureDoesNotMatch", $metadata: { httpStatusCode: 403 } });

    const wrong = createStorage({ ...config, secretAccessKey: "not-the-secret" });
    const put = wrong.putRecording({
      agentId: randomUUID(),
      callId: randomUUID(),
      extension: "wav",
      body: new Uint8Array([1]),
      contentType: "audio/wav",
    });
    expect(await codeOf(put)).toBe("STORAGE_UNAVAILABLE");
    expect(await wrong.check()).toEqual({ ok: false, error: "STORAGE_FORBIDDEN" });
  });
});

describe("SO1: separate buckets, keys under the agent", () => {
  it("SO1: recordings and knowledge documents land in separate buckets under the agent's id", async () => {
    const agentId = randomUUID();
    const callId = randomUUID();
    const documentId = randomUUID();
    const client = rawClient();

    const recording = await storage.putRecording({
      agentId,
      callId,
      extension: "mp3",
      body: new Uint8Array([1, 2, 3]),
      contentType: "audio/mpeg",
    });
    const document = await storage.putKnowledgeDocument({
      agentId,
      documentId,
      body: new TextEncoder().encode("# Opening hours"),
      contentType: "text/markdown",
    });

    expect(recording).toEqual({
      bucket: "recordings",
      key: `recordings/${agentId}/${callId}.mp3`,
      size: 3,
    });
    expect(document).toEqual({
      bucket: "knowledge",
      key: `knowledge/${agentId}/${documentId}`,
      size: 15,
    });
    expect(await exists(client, server.buckets.recordings, recording.key)).toBe(true);
    expect(await exists(client, server.buckets.knowledge, recording.key)).toBe(false);
    expect(await exists(client, server.buckets.knowledge, document.key)).toBe(true);
    expect(await exists(client, server.buckets.recordings, document.key)).toBe(false);
  });

  it("SO1: ids that are not UUIDs are rejected, so no key can leave its agent's prefix", async () => {
    const agentId = randomUUID();
    const body = new Uint8Array([1]);
    const badIds = [
      "",
      "..",
      "../other",
      `${agentId}/..`,
      `${agentId}/x`,
      `../${agentId}`,
      `${agentId} `,
      "not-a-uuid",
    ];
    for (const bad of badIds) {
      const asAgent = storage.putKnowledgeDocument({
        agentId: bad,
        documentId: randomUUID(),
        body,
        contentType: "text/plain",
      });
      expect(await codeOf(asAgent)).toBe("INVALID_OBJECT_KEY");
      const asDocument = storage.putKnowledgeDocument({
        agentId,
        documentId: bad,
        body,
        contentType: "text/plain",
      });
      expect(await codeOf(asDocument)).toBe("INVALID_OBJECT_KEY");
      const asCall = storage.putRecording({
        agentId,
        callId: bad,
        extension: "wav",
        body,
        contentType: "audio/wav",
      });
      expect(await codeOf(asCall)).toBe("INVALID_OBJECT_KEY");
      expect(await codeOf(storage.deleteAgentObjects(bad))).toBe("INVALID_OBJECT_KEY");
    }

    for (const extension of ["", "wav/../x", "../wav", "WAV", "w.a.v", "averylongext"]) {
      const put = storage.putRecording({
        agentId,
        callId: randomUUID(),
        extension,
        body,
        contentType: "audio/wav",
      });
      expect(await codeOf(put)).toBe("INVALID_OBJECT_KEY");
    }

    // Whatever the calls above tried, every key in either bucket still has the one shape.
    for (const kind of ["recordings", "knowledge"] as const) {
      for (const key of await listKeys(rawClient(), server.buckets[kind], "")) {
        expect(() => parseObjectKey(kind, key)).not.toThrow();
      }
    }
  });

  it("SO1: an uppercase UUID is stored under the same lowercase prefix", async () => {
    const agentId = randomUUID();
    const { key } = await putDocument(agentId.toUpperCase(), "x");
    expect(key.startsWith(`knowledge/${agentId}/`)).toBe(true);
    expect(parseObjectKey("knowledge", key).agentId).toBe(agentId);
  });

  it("SO1: a configuration that names one bucket for both kinds is refused", () => {
    const same = { recordings: "one-bucket", knowledge: "one-bucket" };
    expect(() => createStorage({ ...config, buckets: same })).toThrow(/separate buckets/);
  });
});

describe("SO2 (size only; type checks are the upload route's)", () => {
  it("SO2 (size): a knowledge document over the limit is rejected before upload", async () => {
    const agentId = randomUUID();
    const tooBig = storage.putKnowledgeDocument({
      agentId,
      documentId: randomUUID(),
      body: new Uint8Array(MAX_KNOWLEDGE_DOCUMENT_BYTES + 1),
      contentType: "application/pdf",
    });
    expect(await codeOf(tooBig)).toBe("DOCUMENT_TOO_LARGE");
    expect(await listKeys(rawClient(), server.buckets.knowledge, `knowledge/${agentId}/`)).toEqual(
      [],
    );
  });
});

describe("SO3: short-lived presigned reads", () => {
  it("SO3: a presigned URL reads the object back", async () => {
    const agentId = randomUUID();
    const { key } = await putDocument(agentId, "Open 9 to 5.");

    const { url, expiresAt } = await storage.presignRead("knowledge", key);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toBe("Open 9 to 5.");
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
  });

  it("SO3: URLs live 300 s by default and at most 900 s", async () => {
    const { key } = await putRecording(randomUUID());
    const expires = async (seconds?: number) => {
      const options = seconds === undefined ? {} : { expiresInSeconds: seconds };
      const { url } = await storage.presignRead("recordings", key, options);
      return new URL(url).searchParams.get("X-Amz-Expires");
    };

    expect(await expires()).toBe("300");
    expect(await expires(900)).toBe("900");
    for (const bad of [901, 3600, 0, -1, 1.5, Number.NaN]) {
      expect(await codeOf(expires(bad))).toBe("PRESIGN_EXPIRY_INVALID");
    }
  });

  it("SO3: every call signs a new URL with the current clock; nothing is cached", async () => {
    let clock = new Date();
    const ticking = createStorage({ ...config, now: () => clock });
    const { key } = await putRecording(randomUUID());

    const first = await ticking.presignRead("recordings", key);
    clock = new Date(clock.getTime() + 1_000);
    const second = await ticking.presignRead("recordings", key);

    expect(second.url).not.toBe(first.url);
    expect(second.expiresAt.getTime() - first.expiresAt.getTime()).toBe(1_000);
    const signed = (url: string) => new URL(url).searchParams.get("X-Amz-Date");
    expect(signed(first.url)).not.toBe(signed(second.url));
    expect((await fetch(first.url)).status).toBe(200);
    expect((await fetch(second.url)).status).toBe(200);
  });

  it("SO3: an expired presigned URL is refused", async () => {
    const { key } = await putRecording(randomUUID());
    // Signed ten minutes ago for five minutes: expired five minutes ago, without waiting.
    const past = createStorage({ ...config, now: () => new Date(Date.now() - 600_000) });
    const { url, expiresAt } = await past.presignRead("recordings", key);
    expect(expiresAt.getTime()).toBeLessThan(Date.now());

    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("Request has expired");
  });

  it("SO3: a tampered presigned URL is refused", async () => {
    const agentId = randomUUID();
    const mine = await putDocument(agentId, "mine");
    const other = await putDocument(randomUUID(), "someone else's");
    const { url } = await storage.presignRead("knowledge", mine.key);
    expect((await fetch(url)).status).toBe(200);

    const otherObject = new URL(url);
    otherObject.pathname = `/${server.buckets.knowledge}/${other.key}`;
    const longer = new URL(url);
    longer.searchParams.set("X-Amz-Expires", "900");
    const badSignature = new URL(url);
    const signature = badSignature.searchParams.get("X-Amz-Signature") ?? "";
    badSignature.searchParams.set(
      "X-Amz-Signature",
      `${signature.slice(0, -1)}${signature.endsWith("0") ? "1" : "0"}`,
    );

    for (const tampered of [otherObject, longer, badSignature]) {
      const response = await fetch(tampered);
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("SignatureDoesNotMatch");
    }
  });

  it("SO3: only keys of the requested bucket's shape can be presigned", async () => {
    const agentId = randomUUID();
    const id = randomUUID();
    const badKeys: [Parameters<Storage["presignRead"]>[0], string][] = [
      ["recordings", `knowledge/${agentId}/${id}`],
      ["knowledge", `recordings/${agentId}/${id}.wav`],
      ["recordings", `recordings/${agentId}/../${id}/${id}.wav`],
      ["knowledge", `knowledge/${agentId}/${id}/../../x`],
      ["knowledge", `knowledge/${agentId}/`],
      ["knowledge", `knowledge/${agentId.toUpperCase()}/${id}`],
      ["recordings", ""],
    ];
    for (const [kind, key] of badKeys) {
      expect(await codeOf(storage.presignRead(kind, key))).toBe("INVALID_OBJECT_KEY");
    }
    expect(thrownCode(() => parseObjectKey("knowledge", "knowledge/x/y"))).toBe(
      "INVALID_OBJECT_KEY",
    );
  });
});

describe("SO4: agent purge", () => {
  it("SO4: purging an agent deletes everything under both of its prefixes, across pages, and nothing of another agent's", async () => {
    const agentId = randomUUID();
    const otherAgentId = randomUUID();
    const client = rawClient();
    const recordings = 1_005;
    const documents = 3;

    // More recordings than one ListObjectsV2 page or DeleteObjects call can hold.
    await inParallel(recordings, 32, () => putRecording(agentId));
    await inParallel(documents, documents, (i) => putDocument(agentId, `doc ${i}`));
    const othersRecording = await putRecording(otherAgentId);
    const othersDocument = await putDocument(otherAgentId, "keep me");

    const result = await storage.deleteAgentObjects(agentId);

    expect(result).toEqual({ recordings, knowledge: documents });
    expect(await listKeys(client, server.buckets.recordings, `recordings/${agentId}/`)).toEqual([]);
    expect(await listKeys(client, server.buckets.knowledge, `knowledge/${agentId}/`)).toEqual([]);
    expect(await exists(client, server.buckets.recordings, othersRecording.key)).toBe(true);
    expect(await exists(client, server.buckets.knowledge, othersDocument.key)).toBe(true);

    // Repeating a purge is safe and finds nothing left.
    expect(await storage.deleteAgentObjects(agentId)).toEqual({ recordings: 0, knowledge: 0 });
  }, 30_000);

  it("SO4: a small batch size pages through the same purge", async () => {
    const agentId = randomUUID();
    const small = createStorage({ ...config, deleteBatchSize: 2 });
    await inParallel(5, 5, () => putRecording(agentId));
    await inParallel(3, 3, (i) => putDocument(agentId, `doc ${i}`));

    expect(await small.deleteAgentObjects(agentId)).toEqual({ recordings: 5, knowledge: 3 });
    expect(
      await listKeys(rawClient(), server.buckets.recordings, `recordings/${agentId}/`),
    ).toEqual([]);
  });
});

describe("SO5: no lifecycle rules", () => {
  it("SO5: the storage module makes no lifecycle call", async () => {
    const source = await readFile(new URL("../src/storage/index.ts", import.meta.url), "utf8");
    expect(source).not.toMatch(/Lifecycle(Configuration)?Command|Expiration|Transition/);
  });
});

describe("health check", () => {
  it("reports ok with a latency when both buckets answer", async () => {
    const health = await storage.check();
    expect(health.ok).toBe(true);
    expect(health.ok && health.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a stable code instead of throwing when a bucket is missing", async () => {
    const missing = createStorage({
      ...config,
      buckets: { ...server.buckets, knowledge: "vc-test-missing" },
    });
    expect(await missing.check()).toEqual({ ok: false, error: "STORAGE_BUCKET_NOT_FOUND" });
  });
});
