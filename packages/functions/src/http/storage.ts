import { createStorage, type Storage } from "@voicecraft/core/storage";
import type { Runtime } from "./runtime.ts";

let fromEnv: Storage | null | undefined;

/**
 * The storage of this process: the one the runtime was given (local gateway, tests), or
 * one built once from the R2 settings and secrets. Null when storage is not configured.
 * Only routes that declare `uses: ["storage"]` import this module, which keeps the S3
 * client out of every other bundle.
 */
export function useStorage(runtime: Runtime): Storage | null {
  if (runtime.storage) return runtime.storage;
  if (fromEnv !== undefined) return fromEnv;
  const { env } = runtime;
  const endpoint = env.setting("R2_ENDPOINT");
  const accessKeyId = env.secret("R2_ACCESS_KEY_ID");
  const secretAccessKey = env.secret("R2_SECRET_ACCESS_KEY");
  const recordings = env.setting("R2_RECORDINGS_BUCKET");
  const knowledge = env.setting("R2_KNOWLEDGE_BUCKET");
  fromEnv =
    endpoint && accessKeyId && secretAccessKey && recordings && knowledge
      ? createStorage({
          endpoint,
          accessKeyId,
          secretAccessKey,
          buckets: { recordings, knowledge },
          forcePathStyle: !env.deployed,
        })
      : null;
  return fromEnv;
}
