import type { Env } from "./config.ts";

const HOST = /^([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/i;

/**
 * The API's public base URL: `API_URL` when set; otherwise from the Host header, which
 * API Gateway only routes when it names one of the API's domains (the same value as
 * `requestContext.domainName`): https deployed, and locally under the gateway's `/api`
 * prefix. Undefined when there is no usable host.
 *
 * OAuth redirect URIs and webhook signatures (Twilio, Square, HubSpot sign the URL the
 * provider called) are built from this, never from the path API Gateway rewrote.
 */
export function apiBase(env: Env, host: string | undefined): string | undefined {
  const configured = env.setting("API_URL");
  if (configured) return configured.replace(/\/+$/, "");
  if (!host || !HOST.test(host)) return undefined;
  return env.deployed ? `https://${host}` : `http://${host}/api`;
}

/**
 * The URL a provider called, rebuilt from the API's public base: API Gateway rewrote the
 * host and the path the Lambda sees, and providers sign the URL they were configured
 * with (Twilio, Square, HubSpot).
 */
export function calledUrl(
  env: Env,
  event: { headers?: Record<string, string | undefined>; rawPath: string; rawQueryString?: string },
): string | undefined {
  const base = apiBase(env, event.headers?.host);
  if (!base) return undefined;
  return `${base}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ""}`;
}
