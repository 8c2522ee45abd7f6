import { randomUUID } from "node:crypto";
import { channelToken } from "@voicecraft/core/webhooks/google-calendar";
import { hubspotSignature } from "@voicecraft/core/webhooks/hubspot";
import { metaSignature } from "@voicecraft/core/webhooks/meta";
import { squareSignature } from "@voicecraft/core/webhooks/square";
import { signInternalWebhook } from "@voicecraft/core/webhooks/standard";
import { stripeSignatureHeader } from "@voicecraft/core/webhooks/stripe";
import { twilioSignature } from "@voicecraft/core/webhooks/twilio";
import type { RouteDef } from "../src/http/route.ts";
import type { CallOptions } from "./app.ts";

/** Every webhook secret, fixed, so tests can sign as each provider and the runtime do. */
export const SECRETS_FOR_TESTS = {
  TWILIO_AUTH_TOKEN: "twilio-test-auth-token",
  STRIPE_WEBHOOK_SECRET: "whsec_stripe_test_secret",
  SQUARE_WEBHOOK_SIGNATURE_KEY: "square-test-signature-key",
  HUBSPOT_CLIENT_SECRET: "hubspot-test-client-secret",
  META_APP_SECRET: "meta-test-app-secret",
  META_VERIFY_TOKEN: "meta-test-verify-token",
  CLOVER_WEBHOOK_SECRET: "clover-test-auth-code",
  GOOGLE_CALENDAR_CHANNEL_SECRET: "google-test-channel-secret",
  MICROSOFT_GRAPH_CLIENT_STATE: "microsoft-test-client-state",
  VOICECRAFT_API_KEY: `whsec_${Buffer.alloc(32, 7).toString("base64")}`,
} as const;

/** The host every signed test request claims; the public URL is built from it. */
const HOST = "localhost:3000";

function pathOf(route: RouteDef, params: Record<string, string> = {}) {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? "");
}

/** The URL a provider would have called for this route, locally: under `/api`. */
export function publicUrl(route: RouteDef, params?: Record<string, string>, query = "") {
  return `http://${HOST}/api${pathOf(route, params)}${query ? `?${query}` : ""}`;
}

/** A form POST signed as Twilio signs it. */
export function asTwilio(route: RouteDef, form: Record<string, string>): CallOptions {
  return {
    rawBody: new URLSearchParams(form).toString(),
    headers: {
      host: HOST,
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilioSignature(
        SECRETS_FOR_TESTS.TWILIO_AUTH_TOKEN,
        publicUrl(route),
        form,
      ),
    },
  };
}

/** A JSON POST signed as Stripe signs it, now. */
export function asStripe(body: unknown): CallOptions {
  const raw = JSON.stringify(body);
  const header = stripeSignatureHeader(
    SECRETS_FOR_TESTS.STRIPE_WEBHOOK_SECRET,
    raw,
    Math.floor(Date.now() / 1000),
  );
  return json(raw, { "stripe-signature": header });
}

/** A JSON POST signed as Square signs it. */
export function asSquare(route: RouteDef, body: unknown): CallOptions {
  const raw = JSON.stringify(body);
  const signature = squareSignature(
    SECRETS_FOR_TESTS.SQUARE_WEBHOOK_SIGNATURE_KEY,
    publicUrl(route),
    raw,
  );
  return json(raw, { "x-square-hmacsha256-signature": signature });
}

/** A JSON POST signed with HubSpot's v3 scheme, now. */
export function asHubspot(route: RouteDef, body: unknown): CallOptions {
  const raw = JSON.stringify(body);
  const timestamp = String(Date.now());
  const signature = hubspotSignature(SECRETS_FOR_TESTS.HUBSPOT_CLIENT_SECRET, {
    method: "POST",
    uri: publicUrl(route),
    body: raw,
    timestamp,
  });
  return json(raw, {
    "x-hubspot-signature-v3": signature,
    "x-hubspot-request-timestamp": timestamp,
  });
}

/** A JSON POST signed as Meta signs it. */
export function asMeta(body: unknown): CallOptions {
  const raw = JSON.stringify(body);
  return json(raw, {
    "x-hub-signature-256": metaSignature(SECRETS_FOR_TESTS.META_APP_SECRET, raw),
  });
}

/** A JSON POST with Clover's auth code. */
export function asClover(body: unknown): CallOptions {
  return json(JSON.stringify(body), { "x-clover-auth": SECRETS_FOR_TESTS.CLOVER_WEBHOOK_SECRET });
}

/** A Google Calendar push notification on a channel we minted. */
export function asGoogleCalendar(channelId: string, messageNumber: number, state = "exists") {
  return {
    headers: {
      host: HOST,
      "x-goog-channel-id": channelId,
      "x-goog-channel-token": channelToken(
        SECRETS_FOR_TESTS.GOOGLE_CALENDAR_CHANNEL_SECRET,
        channelId,
      ),
      "x-goog-resource-state": state,
      "x-goog-message-number": String(messageNumber),
      "x-goog-resource-id": "resource-1",
    },
  } satisfies CallOptions;
}

/** A JSON POST signed as the voice runtime signs it (Standard Webhooks). */
export function asRuntime(body: unknown, id = `msg_${randomUUID()}`): CallOptions {
  const raw = JSON.stringify(body);
  const headers = signInternalWebhook({
    secret: SECRETS_FOR_TESTS.VOICECRAFT_API_KEY,
    id,
    timestamp: new Date(),
    body: raw,
  });
  return json(raw, { ...headers });
}

function json(raw: string, headers: Record<string, string>): CallOptions {
  return { rawBody: raw, headers: { host: HOST, "content-type": "application/json", ...headers } };
}
