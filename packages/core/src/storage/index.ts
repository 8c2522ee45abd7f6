import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { log } from "../log/index.ts";
import { describeAwsError } from "../util/aws.ts";
import { VisibleError } from "../util/errors.ts";
import { isId } from "../util/id.ts";

// Object storage on Cloudflare R2 through its S3 API. The AWS SDK is imported here and
// nowhere else, so a route that never touches storage never bundles the S3 client.
//
// SO5: this module never reads or writes a bucket lifecycle configuration, and nothing
// else may. Objects leave storage only through `deleteAgentObjects` (agent purge, data
// deletion request), so what was deleted is always something the application decided.

/** The two buckets (SO1): call recordings, and knowledge documents uploaded by customers. */
export type BucketKind = "recordings" | "knowledge";

/** Largest knowledge document accepted; bigger uploads fail with `DOCUMENT_TOO_LARGE`. */
export const MAX_KNOWLEDGE_DOCUMENT_BYTES = 20 * 1024 * 1024;

/**
 * Largest recording accepted; about two hours of two-channel 8 kHz 16-bit WAV, so only a
 * runaway call reaches it. Bigger ones fail with `RECORDING_TOO_LARGE`.
 */
export const MAX_RECORDING_BYTES = 256 * 1024 * 1024;

/** Lifetime of a presigned read URL when the caller does not choose one (SO3). */
export const DEFAULT_PRESIGN_SECONDS = 300;

/** Longest lifetime a presigned read URL may have (SO3). */
export const MAX_PRESIGN_SECONDS = 900;

/** Most keys S3 and R2 return per ListObjectsV2 page and accept per DeleteObjects call. */
export const MAX_DELETE_BATCH = 1000;

const CHECK_TIMEOUT_MS = 3_000;

/** How to reach storage; see `createStorage`. */
export interface StorageConfig {
  /** The S3 API endpoint: `https://<account>.r2.cloudflarestorage.com`, or a local s3rver. */
  endpoint: string;
  /** R2 takes `auto`; the default. */
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Bucket names; they must differ (SO1). */
  buckets: Record<BucketKind, string>;
  /** Address buckets as `/<bucket>/<key>` rather than `<bucket>.<host>`; local servers need it. */
  forcePathStyle?: boolean;
  /** The clock presigned URLs are signed with; tests pass a fixed or past one. */
  now?: () => Date;
  /** Keys listed and deleted per batch during a purge, 1 to 1000; tests pass a small one. */
  deleteBatchSize?: number;
}

/** Where an object was written. */
export interface StoredObject {
  bucket: BucketKind;
  key: string;
  size: number;
}

/** A presigned GET URL and the moment it stops working. */
export interface PresignedRead {
  url: string;
  expiresAt: Date;
}

/** How many objects a purge removed from each bucket. */
export interface PurgeResult {
  recordings: number;
  knowledge: number;
}

/** What the health endpoint reports about storage; `error` is a stable code, never a message. */
export type StorageHealth =
  | { ok: true; latencyMs: number }
  | {
      ok: false;
      error: "STORAGE_FORBIDDEN" | "STORAGE_BUCKET_NOT_FOUND" | "STORAGE_TIMEOUT" | "STORAGE_ERROR";
    };

/** Object storage for recordings and knowledge documents; see `createStorage`. */
export interface Storage {
  /** Writes a call recording to `recordings/<agentId>/<callId>.<extension>`. */
  putRecording(input: {
    agentId: string;
    callId: string;
    /** Lowercase letters and digits, such as `wav` or `mp3`. */
    extension: string;
    body: Uint8Array;
    contentType: string;
  }): Promise<StoredObject>;

  /**
   * Writes a knowledge document to `knowledge/<agentId>/<documentId>`. The content type is
   * stored as given; checking the bytes against it (SO2) is the upload route's job.
   */
  putKnowledgeDocument(input: {
    agentId: string;
    documentId: string;
    body: Uint8Array;
    contentType: string;
  }): Promise<StoredObject>;

  /**
   * A short-lived GET URL for one object (SO3), signed anew on every call. Storage cannot
   * know who is asking: the caller must first load the agent under the user's org (so a
   * user of another org gets AGENT_NOT_FOUND) and take the key from that agent's row.
   */
  presignRead(
    bucket: BucketKind,
    key: string,
    options?: { expiresInSeconds?: number },
  ): Promise<PresignedRead>;

  /**
   * Deletes every recording under `recordings/<agentId>/` and every knowledge document
   * under `knowledge/<agentId>/` (SO4). Safe to repeat: a retry after a partial failure
   * deletes what is left.
   */
  deleteAgentObjects(agentId: string): Promise<PurgeResult>;

  /** Whether both buckets answer with these credentials. Never throws. */
  check(): Promise<StorageHealth>;
}

/**
 * Object storage over the S3 API. One S3 client per storage object: create it once per
 * process (cold start), not per request.
 *
 * @example
 * const storage = createStorage({
 *   endpoint: process.env.R2_ENDPOINT,
 *   accessKeyId: process.env.R2_ACCESS_KEY_ID,
 *   secretAccessKey: process.env.R2_SECRET_ACCESS_KEY,
 *   buckets: { recordings: "vc-recordings", knowledge: "vc-knowledge" },
 * });
 */
export function createStorage(config: StorageConfig): Storage {
  assertConfig(config);

  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region ?? "auto",
    forcePathStyle: config.forcePathStyle ?? false,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
  });
  const now = config.now ?? (() => new Date());
  const batchSize = config.deleteBatchSize ?? MAX_DELETE_BATCH;
  const bucketName = (kind: BucketKind) => config.buckets[kind];

  async function put(
    kind: BucketKind,
    key: string,
    body: Uint8Array,
    contentType: string,
  ): Promise<StoredObject> {
    await send("PutObject", kind, () =>
      client.send(
        new PutObjectCommand({
          Bucket: bucketName(kind),
          Key: key,
          Body: body,
          ContentType: contentType,
          ContentLength: body.byteLength,
        }),
      ),
    );
    return { bucket: kind, key, size: body.byteLength };
  }

  async function purgePrefix(kind: BucketKind, prefix: string): Promise<number> {
    let deleted = 0;
    let continuationToken: string | undefined;
    do {
      const page = await send("ListObjectsV2", kind, () =>
        client.send(
          new ListObjectsV2Command({
            Bucket: bucketName(kind),
            Prefix: prefix,
            MaxKeys: batchSize,
            ContinuationToken: continuationToken,
          }),
        ),
      );
      const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
      if (keys.length > 0) {
        const result = await send("DeleteObjects", kind, () =>
          client.send(
            new DeleteObjectsCommand({
              Bucket: bucketName(kind),
              Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true },
            }),
          ),
        );
        const failed = result.Errors?.length ?? 0;
        deleted += keys.length - failed;
        if (failed > 0) {
          log.error({ op: "DeleteObjects", bucket: kind, failed, prefix }, "storage purge failed");
          throw unavailable();
        }
      }
      continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (continuationToken);
    return deleted;
  }

  async function headBucket(kind: BucketKind, signal: AbortSignal): Promise<void> {
    await client.send(new HeadBucketCommand({ Bucket: bucketName(kind) }), {
      abortSignal: signal,
    });
  }

  return {
    async putRecording({ agentId, callId, extension, body, contentType }) {
      const key = recordingKey(agentId, callId, extension);
      if (body.byteLength > MAX_RECORDING_BYTES) {
        throw new VisibleError("invalid", "RECORDING_TOO_LARGE", "The recording is too large.", {
          maxBytes: MAX_RECORDING_BYTES,
        });
      }
      return put("recordings", key, body, contentType);
    },

    async putKnowledgeDocument({ agentId, documentId, body, contentType }) {
      const key = knowledgeKey(agentId, documentId);
      if (body.byteLength > MAX_KNOWLEDGE_DOCUMENT_BYTES) {
        throw new VisibleError("invalid", "DOCUMENT_TOO_LARGE", "The document is too large.", {
          maxBytes: MAX_KNOWLEDGE_DOCUMENT_BYTES,
        });
      }
      return put("knowledge", key, body, contentType);
    },

    async presignRead(kind, key, options = {}) {
      parseObjectKey(kind, key);

      const expiresIn = options.expiresInSeconds ?? DEFAULT_PRESIGN_SECONDS;
      if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) {
        throw new VisibleError(
          "invalid",
          "PRESIGN_EXPIRY_INVALID",
          `Expected a whole number of seconds from 1 to ${MAX_PRESIGN_SECONDS}.`,
        );
      }

      // Signed per call from the clock, never memoized: each read gets its own URL, so a
      // leaked one dies with its own short expiry instead of living on in a cache (SO3).
      const signingDate = now();
      const url = await send("PresignGetObject", kind, () =>
        getSignedUrl(client, new GetObjectCommand({ Bucket: bucketName(kind), Key: key }), {
          expiresIn,
          signingDate,
        }),
      );
      return { url, expiresAt: new Date(signingDate.getTime() + expiresIn * 1000) };
    },

    async deleteAgentObjects(agentId) {
      const recordingsPrefix = agentPrefix("recordings", agentId);
      const knowledgePrefix = agentPrefix("knowledge", agentId);

      // Both prefixes are purged even if one fails, so a retry has less left to do; the
      // purge as a whole fails if either did.
      const [recordings, knowledge] = await Promise.allSettled([
        purgePrefix("recordings", recordingsPrefix),
        purgePrefix("knowledge", knowledgePrefix),
      ]);
      if (recordings.status === "rejected") throw recordings.reason;
      if (knowledge.status === "rejected") throw knowledge.reason;

      const result = { recordings: recordings.value, knowledge: knowledge.value };
      log.info({ agentId: agentId.toLowerCase(), deleted: result }, "agent objects purged");
      return result;
    },

    async check() {
      const started = performance.now();
      const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
      try {
        await Promise.all([headBucket("recordings", signal), headBucket("knowledge", signal)]);
        return { ok: true, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        log.warn({ op: "HeadBucket", error: describeAwsError(error) }, "storage check failed");
        return { ok: false, error: healthCode(error) };
      }
    },
  };
}

/**
 * The key of a call recording: `recordings/<agentId>/<callId>.<extension>`. Ids must be
 * UUIDs and are lowercased, so one agent's objects always share one prefix and no input
 * can add a `/` or `..` to a key.
 */
export function recordingKey(agentId: string, callId: string, extension: string): string {
  const agent = normalizeId(agentId, "agentId");
  const call = normalizeId(callId, "callId");
  if (!/^[a-z0-9]{1,10}$/.test(extension)) {
    throw new VisibleError(
      "invalid",
      "INVALID_OBJECT_KEY",
      "Expected a file extension of 1 to 10 lowercase letters or digits.",
    );
  }
  return `recordings/${agent}/${call}.${extension}`;
}

/** The key of a knowledge document: `knowledge/<agentId>/<documentId>`; ids as in `recordingKey`. */
export function knowledgeKey(agentId: string, documentId: string): string {
  return `knowledge/${normalizeId(agentId, "agentId")}/${normalizeId(documentId, "documentId")}`;
}

/** The prefix holding every object of one agent in one bucket, with its trailing slash. */
export function agentPrefix(kind: BucketKind, agentId: string): string {
  return `${kind}/${normalizeId(agentId, "agentId")}/`;
}

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KEY_SHAPES: Record<BucketKind, RegExp> = {
  recordings: new RegExp(`^recordings/(${UUID})/(${UUID})\\.[a-z0-9]{1,10}$`),
  knowledge: new RegExp(`^knowledge/(${UUID})/(${UUID})$`),
};

/**
 * The agent and object ids in a key this module wrote; INVALID_OBJECT_KEY for anything
 * else, including a key of the other bucket. Lets a route confirm that a stored key
 * belongs to the agent it authorized before presigning it.
 */
export function parseObjectKey(
  kind: BucketKind,
  key: string,
): { agentId: string; objectId: string } {
  const match = KEY_SHAPES[kind].exec(key);
  if (!match?.[1] || !match[2]) {
    throw new VisibleError("invalid", "INVALID_OBJECT_KEY", `Not a ${kind} object key.`);
  }
  return { agentId: match[1], objectId: match[2] };
}

/** A UUID in the one spelling keys use; anything else is INVALID_OBJECT_KEY. */
function normalizeId(value: string, name: string): string {
  if (!isId(value)) {
    throw new VisibleError("invalid", "INVALID_OBJECT_KEY", `Expected ${name} to be a UUID.`);
  }
  // Lowercased so `ABC…` and `abc…` cannot become two prefixes that a purge of one misses.
  return value.toLowerCase();
}

function assertConfig(config: StorageConfig): void {
  for (const name of ["endpoint", "accessKeyId", "secretAccessKey"] as const) {
    if (!config[name]) throw new Error(`Storage config: ${name} is empty.`);
  }

  const { recordings, knowledge } = config.buckets;
  if (!recordings || !knowledge) throw new Error("Storage config: a bucket name is empty.");

  // SO1: two names that point at one bucket would quietly merge the two kinds of data.
  if (recordings === knowledge) {
    throw new Error("Storage config: recordings and knowledge need separate buckets.");
  }

  const batch = config.deleteBatchSize;
  if (batch !== undefined && (!Number.isInteger(batch) || batch < 1 || batch > MAX_DELETE_BATCH)) {
    throw new Error(`Storage config: deleteBatchSize must be 1 to ${MAX_DELETE_BATCH}.`);
  }
}

/** Runs one S3 call; a failure is logged here and reaches the caller as STORAGE_UNAVAILABLE. */
async function send<T>(op: string, bucket: BucketKind, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    log.error({ op, bucket, error: describeAwsError(error) }, "storage call failed");
    throw unavailable();
  }
}

function unavailable(): VisibleError {
  return new VisibleError("unavailable", "STORAGE_UNAVAILABLE", "Storage is unavailable.");
}

function healthCode(error: unknown): Extract<StorageHealth, { ok: false }>["error"] {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return "STORAGE_TIMEOUT";
  }
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === 401 || status === 403) return "STORAGE_FORBIDDEN";
  if (status === 404) return "STORAGE_BUCKET_NOT_FOUND";
  return "STORAGE_ERROR";
}
