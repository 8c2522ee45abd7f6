/** HSTS for a year, subdomains included (TR3); `preload` so the domain can be listed. */
export const HSTS = "max-age=31536000; includeSubDomains; preload";

/**
 * The dashboard's Content-Security-Policy (DP3): the page may load scripts, styles,
 * fonts and data only from its own origin, and talk only to itself and the API. No
 * analytics, tracking, replay or error-monitoring origin is allowed, so one added by
 * mistake is blocked by the browser rather than loaded.
 */
export function dashboardCsp(options: { apiOrigin?: string | undefined } = {}): string {
  const connect = ["'self'", ...(options.apiOrigin ? [options.apiOrigin] : [])];
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": connect,
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    // Sign-in may post to the API, which then redirects; both must be allowed targets.
    "form-action": connect,
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** Headers every dashboard page is served with, locally and behind CloudFront. */
export function dashboardHeaders(options: { apiOrigin?: string | undefined } = {}) {
  return {
    "content-security-policy": dashboardCsp(options),
    "strict-transport-security": HSTS,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
  } as const;
}
