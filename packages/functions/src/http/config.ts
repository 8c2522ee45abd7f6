import type { SecretName, SettingName } from "./secrets.ts";

/**
 * Reads secrets and settings once per cold start. Locally they are environment
 * variables; deployed, secrets are SST `Config.Secret` bindings, which SST v2 exposes
 * through `sst/node/config` (fetched from SSM on first import), so a secret value never
 * sits in the function's plain environment.
 */
export interface Env {
  secret(name: SecretName): string | undefined;
  setting(name: SettingName): string | undefined;
  /** Production-like: a deployed stage. Only the local stage relaxes transport rules. */
  readonly deployed: boolean;
  readonly stage: string;
}

let loaded: Promise<Env> | undefined;

/** The environment of this process, loaded on first use and then reused. */
export function loadEnv(): Promise<Env> {
  loaded ??= readEnv(process.env);
  return loaded;
}

/** Builds an `Env` from explicit values; tests and the local gateway use this. */
export function envFrom(values: Record<string, string | undefined>): Env {
  const stage = values.STAGE ?? "local";
  return {
    secret: (name) => values[name] || undefined,
    setting: (name) => values[name] || undefined,
    deployed: stage !== "local",
    stage,
  };
}

async function readEnv(values: NodeJS.ProcessEnv): Promise<Env> {
  const plain = envFrom(values);
  if (!values.SST_APP) return plain;
  const { Config } = (await import("sst/node/config")) as unknown as {
    Config: Record<string, string | undefined>;
  };
  return { ...plain, secret: (name) => values[name] || Config[name] || undefined };
}
