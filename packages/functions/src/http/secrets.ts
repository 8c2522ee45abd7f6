import type { Capability, RouteDef, WebhookProvider } from "./route.ts";

/**
 * Every secret the API uses. Deployed, each is an SST `Config.Secret`; locally, an
 * environment variable of the same name. A function is bound only to what its route
 * needs (`secretsFor`), so a leak from one function exposes as little as possible.
 */
export const SECRETS = [
  "DATABASE_URL",
  "SESSION_SIGNING_KEYS",
  "MASTER_ENCRYPTION_KEY",
  "VOICECRAFT_API_KEY",
  "R2_ACCESS_KEY_ID",
  "R2_SECRET_ACCESS_KEY",
  "TWILIO_AUTH_TOKEN",
  "STRIPE_WEBHOOK_SECRET",
  "SQUARE_WEBHOOK_SIGNATURE_KEY",
  "HUBSPOT_CLIENT_SECRET",
  "META_APP_SECRET",
  "META_VERIFY_TOKEN",
  "CLOVER_WEBHOOK_SECRET",
  "GOOGLE_CALENDAR_CHANNEL_SECRET",
  "MICROSOFT_GRAPH_CLIENT_STATE",
  "GOOGLE_CLIENT_SECRET",
] as const;
export type SecretName = (typeof SECRETS)[number];

const PROVIDER_SECRETS: Record<WebhookProvider, readonly SecretName[]> = {
  twilio: ["TWILIO_AUTH_TOKEN"],
  stripe: ["STRIPE_WEBHOOK_SECRET"],
  square: ["SQUARE_WEBHOOK_SIGNATURE_KEY"],
  hubspot: ["HUBSPOT_CLIENT_SECRET"],
  // The app secret signs deliveries; the verify token answers the subscription handshake.
  meta: ["META_APP_SECRET", "META_VERIFY_TOKEN"],
  clover: ["CLOVER_WEBHOOK_SECRET"],
  google_calendar: ["GOOGLE_CALENDAR_CHANNEL_SECRET"],
  microsoft: ["MICROSOFT_GRAPH_CLIENT_STATE"],
};

const CAPABILITY_SECRETS: Record<Capability, readonly SecretName[]> = {
  storage: ["R2_ACCESS_KEY_ID", "R2_SECRET_ACCESS_KEY"],
  encryption: ["MASTER_ENCRYPTION_KEY"],
  // SES authorizes by the function's IAM role, not by a secret.
  email: [],
  google: ["GOOGLE_CLIENT_SECRET"],
  // Public routes that start sessions or key verification codes with the session keys.
  sessions: ["SESSION_SIGNING_KEYS"],
};

/** The secrets one route's function is bound to, and no others. */
export function secretsFor(route: Pick<RouteDef, "guard" | "uses">): SecretName[] {
  const needed = new Set<SecretName>(["DATABASE_URL"]);
  const { guard } = route;
  if (guard.kind === "session" || guard.kind === "org") needed.add("SESSION_SIGNING_KEYS");
  if (guard.kind === "internal") needed.add("VOICECRAFT_API_KEY");
  if (guard.kind === "webhook") {
    for (const secret of PROVIDER_SECRETS[guard.provider]) needed.add(secret);
  }
  for (const capability of route.uses ?? []) {
    for (const secret of CAPABILITY_SECRETS[capability]) needed.add(secret);
  }
  return SECRETS.filter((name) => needed.has(name));
}

/**
 * Plain settings (not secret) every function receives: where it runs and what it may
 * talk to. Deployed, infra sets them as environment variables.
 */
export const SETTINGS = [
  "STAGE",
  "DASHBOARD_ORIGIN",
  "R2_ENDPOINT",
  "R2_RECORDINGS_BUCKET",
  "R2_KNOWLEDGE_BUCKET",
  "EMAIL_FROM",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_ISSUER",
  "API_URL",
  "VOICE_RUNTIME_STREAM_URL",
  "MICROSOFT_APP_ID",
  "MICROSOFT_GRAPH_JWKS_URL",
] as const;
export type SettingName = (typeof SETTINGS)[number];
