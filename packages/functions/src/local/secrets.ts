import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  generateInternalWebhookSecret,
  isInternalWebhookSecret,
} from "@voicecraft/core/webhooks/standard";
import type { SecretName } from "../http/secrets.ts";

const random = () => randomBytes(32).toString("base64url");

/**
 * Every secret the local stage needs, and how to make one. Each check says whether a
 * stored value is still usable: data folders from before internal webhooks hold a
 * base64url VOICECRAFT_API_KEY, which Standard Webhooks libraries cannot read.
 */
const LOCAL: Partial<Record<SecretName, { make(): string; valid?(value: string): boolean }>> = {
  SESSION_SIGNING_KEYS: { make: () => `local1:${random()}` },
  MASTER_ENCRYPTION_KEY: { make: random },
  // `whsec_` and base64: the Standard Webhooks format the voice runtime signs with (WH2).
  VOICECRAFT_API_KEY: { make: generateInternalWebhookSecret, valid: isInternalWebhookSecret },
  TWILIO_AUTH_TOKEN: { make: () => randomBytes(16).toString("hex") },
  STRIPE_WEBHOOK_SECRET: { make: () => `whsec_${random()}` },
  SQUARE_WEBHOOK_SIGNATURE_KEY: { make: random },
  HUBSPOT_CLIENT_SECRET: { make: random },
  META_APP_SECRET: { make: () => randomBytes(16).toString("hex") },
  META_VERIFY_TOKEN: { make: random },
  CLOVER_WEBHOOK_SECRET: { make: random },
  GOOGLE_CALENDAR_CHANNEL_SECRET: { make: random },
  MICROSOFT_GRAPH_CLIENT_STATE: { make: random },
};

/** Where the local stage keeps its generated secrets (0600, never committed). */
export const localSecretsFile = (dataDir: string) => join(dataDir, "local-secrets.json");

/**
 * The local stage's secrets: generated once, kept in the data folder, and completed when
 * a newer version of the platform needs one the folder does not have yet.
 */
export async function localSecrets(dataDir: string): Promise<Record<string, string>> {
  const file = localSecretsFile(dataDir);
  const stored: Record<string, string> = existsSync(file)
    ? JSON.parse(await readFile(file, "utf8"))
    : {};
  let changed = !existsSync(file);
  for (const [name, spec] of Object.entries(LOCAL)) {
    const value = stored[name];
    if (value && (spec.valid?.(value) ?? true)) continue;
    stored[name] = spec.make();
    changed = true;
  }
  if (changed) await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  return stored;
}
