/**
 * The claims of the security model, as data: the security page renders them and a test
 * checks that every claim marked proven names a test that exists and runs. The wording
 * follows SECURITY-MODEL.md; backticks mark code, as there.
 *
 * A claim is marked `proven` only when tests whose names contain its id are in the repo,
 * are listed here, and together cover the whole sentence. Tests that cover part of it are
 * listed on a `not_yet` claim, with a `gap` that says what is still unproven.
 */

/** The sections of the security model, in the order the security page shows them. */
export const claimAreas = [
  "Transport",
  "Authentication",
  "Platform staff",
  "Integration tokens",
  "Tenant isolation",
  "Webhooks",
  "Tool calls",
  "Object storage",
  "Audit",
  "Data, sub-processors and privacy",
  "Compliance",
  "Disclosure",
] as const;

/** One section of the security model. */
export type ClaimArea = (typeof claimAreas)[number];

/** `proven` when at least one listed test proves the claim; `not_yet` otherwise. */
export type ClaimStatus = "proven" | "not_yet";

/** A test that proves a claim. */
export interface ClaimTest {
  /** Repo-relative path of the test file, with forward slashes. */
  file: string;
  /** The exact name given to `it`/`test`; it contains the claim id. */
  name: string;
}

/** One promise of the security model. */
export interface Claim {
  /** Two capitals for the area and a number, like `TN1`. Never reused for another claim. */
  id: string;
  area: ClaimArea;
  text: string;
  status: ClaimStatus;
  tests: readonly ClaimTest[];
  /** For a `not_yet` claim with tests: the part of the claim no test covers yet. */
  gap?: string;
}

/** Every claim of the security model, in document order. */
export const claims: readonly Claim[] = [
  {
    id: "TR1",
    area: "Transport",
    text:
      "Browser, server and sub-processor traffic is TLS only. No production endpoint answers " +
      "plain HTTP with data.",
    status: "not_yet",
    tests: [
      {
        file: "infra/stacks.test.ts",
        name: "TR1: the dashboard's CDN redirects plain HTTP to HTTPS",
      },
    ],
    gap: "The API's custom domain TLS policy and sub-processor connections (PostgreSQL sslmode, R2) are not tested yet.",
  },
  {
    id: "TR2",
    area: "Transport",
    text: "Authenticated session cookies are `HttpOnly`, `Secure` (production) and `SameSite=Lax`.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/auth.test.ts",
        name: "TR2: the session cookie is HttpOnly, SameSite=Lax, and Secure with __Host- when deployed",
      },
    ],
  },
  {
    id: "TR3",
    area: "Transport",
    text:
      "HSTS on every production response, API subdomains included (`max-age` of at least a year," +
      " `includeSubDomains`).",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/http.test.ts",
        name: "TR3: API responses carry HSTS for a year with subdomains, on success and on error",
      },
      {
        file: "infra/stacks.test.ts",
        name: "TR3: the dashboard sends HSTS for at least a year, with includeSubDomains and preload",
      },
    ],
  },
  {
    id: "AU1",
    area: "Authentication",
    text:
      "Sign-in with email and password, and with Google (OpenID Connect: state, nonce, PKCE, " +
      "verified `id_token`).",
    status: "proven",
    tests: [
      {
        file: "packages/web/test/auth-platform.test.ts",
        name: "AU1: a person signs up, verifies by the local mailbox and signs in, in Chromium",
      },
      {
        file: "packages/web/test/auth-platform.test.ts",
        name: "AU1: signing in with Google in Chromium lands on the dashboard, signed in",
      },
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU1: a new account verifies its email with the mailed code and gets a session",
      },
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU1: signs in with email and password; wrong password and unknown email answer alike",
      },
      {
        file: "packages/functions/test/google.test.ts",
        name: "AU1: Google sign-in uses state, nonce and PKCE and verifies the id_token against the issuer's JWKS",
      },
      {
        file: "packages/functions/test/google.test.ts",
        name: "AU1: refuses a Google callback whose state, flow cookie or flow does not match",
      },
      {
        file: "packages/functions/test/google.test.ts",
        name: "AU1: refuses an id_token whose nonce is not the flow's",
      },
      {
        file: "packages/functions/test/google.test.ts",
        name: "AU1: refuses an id_token signed by another key, for another audience or from another issuer",
      },
      {
        file: "packages/functions/test/google.test.ts",
        name: "AU1: refuses a Google account whose email is not verified, and links nothing",
      },
      {
        file: "packages/functions/test/google.test.ts",
        name: "AU1: a Google callback is single use, even when replayed concurrently",
      },
    ],
  },
  {
    id: "AU2",
    area: "Authentication",
    text:
      "Passwords are stored only as an adaptive hash (argon2id or scrypt with current OWASP " +
      "parameters). A password is never logged, echoed, put in a URL or returned.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU2: refuses short, common and email-derived passwords, naming the rule only",
      },
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU2: upgrades a hash made at a lower cost on the next sign-in",
      },
      {
        file: "packages/functions/test/no-secrets.test.ts",
        name: "AU2: passwords, codes and reset tokens never reach a log line, a response or a table in clear",
      },
    ],
  },
  {
    id: "AU3",
    area: "Authentication",
    text:
      "The session is a signed JWT in a cookie that JavaScript cannot read; sessions can be " +
      "revoked (sign-out, password reset).",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU3: sign-out revokes the session; sign-out everywhere revokes them all",
      },
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU3: a reset link works once, within 30 minutes, and revokes every session",
      },
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AU3: the session is a signed JWT with a key id, in a cookie page scripts cannot read",
      },
    ],
  },
  {
    id: "AU4",
    area: "Authentication",
    text:
      "Rate limits per IP address and per account on sign-in, sign-up, forgot-password, " +
      "password-reset submission and verification-code resend. Limits hold under concurrent " +
      "bursts (no over-admission) and answer 429 with `Retry-After`.",
    status: "proven",
    tests: [
      {
        file: "packages/web/test/auth-platform.test.ts",
        name: "AU4: a rate-limited sign-in shows its message and the wait",
      },
      {
        file: "packages/functions/test/rate-limit.test.ts",
        name: "AU4: 50 parallel wrong-password sign-ins on one account admit exactly the limit",
      },
      {
        file: "packages/functions/test/rate-limit.test.ts",
        name: "AU4: every declared limit, per IP and per account, admits exactly its points in a burst",
      },
      {
        file: "packages/functions/test/rate-limit.test.ts",
        name: "AU4: a window ends and the account may try again",
      },
    ],
  },
  {
    id: "ST1",
    area: "Platform staff",
    text:
      "A staff member must complete a WebAuthn passkey step-up before any privileged action: " +
      "reading a customer's data or impersonating an org.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "ST2",
    area: "Platform staff",
    text:
      "The elevation granted by step-up is short-lived and cannot be renewed or extended; a new " +
      "step-up is the only way to get another.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "ST3",
    area: "Platform staff",
    text:
      "Platform role assignments are re-read from the database on every privileged request, so a" +
      " revocation takes effect on the next request.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "ST4",
    area: "Platform staff",
    text:
      "Every impersonation start and stop is written to both AuthEvent and AuditLog with the " +
      "staff actor id, target org id, reason and time.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "IT1",
    area: "Integration tokens",
    text:
      "OAuth tokens for Google Calendar, Microsoft, HubSpot, Square and Clover are encrypted at " +
      "rest with AES-256 (authenticated mode) before they reach the database.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "IT2",
    area: "Integration tokens",
    text:
      "The master key comes from the server environment (or a KMS) and is never stored next to " +
      "the ciphertext.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "IT3",
    area: "Integration tokens",
    text:
      "Ciphertexts carry a key version. Rotating keys re-encrypts without the customer " +
      "re-authorizing. An old key version is kept until no token encrypted under it remains " +
      "(re-encrypted or revoked), and the system can prove that.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "TN1",
    area: "Tenant isolation",
    text:
      "Every route that returns or changes customer data runs org guards (`requireOrg`, " +
      "`requireRole`) at the handler layer; a route cannot be declared without stating its " +
      "guard.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/routes.test.ts",
        name: "TN1: every route names a guard of a known kind",
      },
      {
        file: "packages/functions/test/routes.test.ts",
        name: "TN1: every org route takes its org from the path",
      },
      {
        file: "packages/functions/test/cross-tenant.test.ts",
        name:
          "TN1: a member of org A asking for org B's resources gets 404 on every org route, and " +
          "B is untouched",
      },
      {
        file: "packages/functions/test/cross-tenant.test.ts",
        name: "TN1: without a session every org route answers 401 and reads nothing",
      },
    ],
  },
  {
    id: "TN2",
    area: "Tenant isolation",
    text:
      "Routes with no user session (provider webhooks) are scoped by the agent's phone number or" +
      " by the template owner, checked against the database before anything is read or written.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "TN2: an inbound call finds its agent by the called number and connects the media stream",
      },
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "TN2: a call to a number no agent owns answers 404 and writes nothing",
      },
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "TN2: a status callback cannot reach a call of another org through its own number",
      },
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "TN2: Square and Clover orders go to the org that owns the merchant, never another",
      },
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "TN2: WhatsApp template status follows the template owner; an unknown owner writes nothing",
      },
    ],
  },
  {
    id: "TN3",
    area: "Tenant isolation",
    text:
      "No data path, cache key or query result is shared across tenants. Every customer table " +
      "(agents, calls, transcripts, forms, orders, integrations, and the rest) is isolated by " +
      "row, per org.",
    status: "proven",
    tests: [
      {
        file: "packages/core/test/schema.test.ts",
        name: "TN3: every customer table has org_id first in its primary key and its indexes",
      },
      {
        file: "packages/core/test/schema.test.ts",
        name:
          "TN3: every reference between customer tables includes org_id, so rows cannot cross " +
          "orgs",
      },
      {
        file: "packages/functions/test/cross-tenant.test.ts",
        name: "TN3: list routes filtered by another org's ids return nothing of that org",
      },
      {
        file: "packages/functions/test/http.test.ts",
        name:
          "TN3: API responses are never stored by shared caches, and CORS names only the " +
          "dashboard",
      },
    ],
  },
  {
    id: "WH1",
    area: "Webhooks",
    text:
      "Every inbound provider webhook verifies the provider's signature, by the provider's own " +
      "documented scheme (HMAC, JWT or equivalent), before any side effect. A request that fails" +
      " is rejected and changes nothing.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/webhook-guard.test.ts",
        name: "WH1: a provider webhook that fails verification is refused and changes no table",
      },
      {
        file: "packages/functions/test/verifiers-signed.test.ts",
        name: "WH1: random requests to every verified route get 401 or 403 SIGNATURE_INVALID, never a 5xx",
      },
      {
        file: "packages/core/test/webhooks/stripe.test.ts",
        name: "WH1: Stripe signatures verify per Stripe's scheme, with rotation and a 300 s tolerance",
      },
      {
        file: "packages/functions/test/verifiers-signed.test.ts",
        name: "WH1: agrees with the twilio SDK on any URL, parameters and signature",
      },
      {
        file: "packages/functions/test/verifiers-signed.test.ts",
        name: "WH1: agrees with the square SDK's verdict on any URL, body, key and signature",
      },
      {
        file: "packages/functions/test/verifiers-signed.test.ts",
        name: "WH1: agrees with the HubSpot SDK on any body, secret, path and time",
      },
      {
        file: "packages/core/test/webhooks/meta.test.ts",
        name: "WH1: matches the signature vector in Meta's official WhatsApp Node.js SDK",
      },
      {
        file: "packages/functions/test/verifiers-subscriptions.test.ts",
        name: "WH1: Clover: a notification without the code, or with another, is refused",
      },
      {
        file: "packages/functions/test/verifiers-subscriptions.test.ts",
        name: "WH1: Google Calendar: another channel's token, or none, is refused",
      },
      {
        file: "packages/functions/test/verifiers-subscriptions.test.ts",
        name: "WH1: Microsoft Graph: one bad clientState among good ones refuses the batch",
      },
      {
        file: "packages/functions/test/verifiers-subscriptions.test.ts",
        name: "WH1: Microsoft Graph: rich notifications need valid JWTs from the JWKS",
      },
      {
        file: "packages/functions/test/verifiers-signed.test.ts",
        name: "WH1: checks the signature before the body is parsed",
      },
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "WH1: a Stripe checkout sets the org's billing once, however often it is delivered",
      },
    ],
  },
  {
    id: "WH2",
    area: "Webhooks",
    text:
      "Internal service-to-service webhooks are signed with HMAC using the shared secret in " +
      "`VOICECRAFT_API_KEY`.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/webhook-guard.test.ts",
        name: "WH2: an internal call that fails verification is refused and changes no table",
      },
      {
        file: "packages/functions/test/verifiers-subscriptions.test.ts",
        name: "WH2: a tampered, unsigned, stale or future call is refused before the handler",
      },
      {
        file: "packages/functions/test/webhooks.test.ts",
        name: "WH2: the runtime's transcript, tool call and hang-up land on the call; a replay is refused",
      },
    ],
  },
  {
    id: "TC1",
    area: "Tool calls",
    text:
      "When an agent's model invokes a tool, the raw arguments are redacted before anything is " +
      "persisted, so no caller PII reaches the dashboard or an export.",
    status: "proven",
    tests: [
      {
        file: "packages/core/test/redaction/quality.test.ts",
        name: "TC1: redaction removes PII from tool arguments: recall \u2265 99.5% (100% cards, SSNs), precision \u2265 95% on the labelled corpus",
      },
      {
        file: "packages/functions/test/simulate-call.test.ts",
        name: "TC1: a simulated call lands with its transcript, and its stored tool arguments hold no PII",
      },
    ],
  },
  {
    id: "TC2",
    area: "Tool calls",
    text:
      "Raw arguments live only in the voice runtime's memory for the call; they are never " +
      "written to the database, object storage or logs.",
    status: "proven",
    tests: [
      {
        file: "packages/functions/test/tool-arguments.test.ts",
        name: "TC2: a tool call's raw values appear in no table and no log line once it is stored",
      },
      {
        file: "packages/core/test/redaction/log.test.ts",
        name: "TC2: a tool call's raw values never reach a log line, in free text, under unknown keys or as raw arguments",
      },
    ],
  },
  {
    id: "SO1",
    area: "Object storage",
    text:
      "Recordings and knowledge documents live in two separate buckets, with every key under the" +
      " agent's id.",
    status: "proven",
    tests: [
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO1: recordings and knowledge documents land in separate buckets under the agent's id",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO1: ids that are not UUIDs are rejected, so no key can leave its agent's prefix",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO1: an uppercase UUID is stored under the same lowercase prefix",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO1: a configuration that names one bucket for both kinds is refused",
      },
    ],
  },
  {
    id: "SO2",
    area: "Object storage",
    text:
      "Knowledge uploads are checked for type (PDF, DOCX, TXT, Markdown, by content, not by name" +
      " alone) and for size before they are accepted.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "SO3",
    area: "Object storage",
    text:
      "Every read is a short-lived presigned URL, issued only after checking that the user " +
      "belongs to the agent's org; URLs are never cached or reused.",
    status: "not_yet",
    tests: [
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO3: a presigned URL reads the object back",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO3: URLs live 300 s by default and at most 900 s",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO3: every call signs a new URL with the current clock; nothing is cached",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO3: an expired presigned URL is refused",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO3: a tampered presigned URL is refused",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO3: only keys of the requested bucket's shape can be presigned",
      },
    ],
    gap: "No route issues presigned URLs yet, so the check that the user belongs to the agent's org before signing is not proven.",
  },
  {
    id: "SO4",
    area: "Object storage",
    text:
      "Purging an agent deletes everything under `recordings/<agentId>/` and its knowledge " +
      "documents in the same operation.",
    status: "not_yet",
    tests: [
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO4: purging an agent deletes everything under both of its prefixes, across pages, and nothing of another agent's",
      },
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO4: a small batch size pages through the same purge",
      },
    ],
    gap: "Storage can purge an agent's prefixes in both buckets; the agent purge operation that calls it is not built yet.",
  },
  {
    id: "SO5",
    area: "Object storage",
    text:
      "Storage has no lifecycle rule: deletion is done by the application, on agent purge or on " +
      "a customer's data deletion request.",
    status: "not_yet",
    tests: [
      {
        file: "packages/core/test/storage.test.ts",
        name: "SO5: the storage module makes no lifecycle call",
      },
    ],
    gap: "Deletion on agent purge and on a customer's data deletion request is not built yet.",
  },
  {
    id: "AD1",
    area: "Audit",
    text:
      "AuthEvent records sign-in, Google OAuth, password reset, email verification, " +
      "impersonation start and stop, passkey enrollment and assertion, and platform role " +
      "elevation, each with IP, user agent, approximate location and outcome.",
    status: "not_yet",
    tests: [
      {
        file: "packages/functions/test/auth.test.ts",
        name: "AD1: auth events carry IP, user agent and approximate location from the edge",
      },
    ],
    gap: "Sign-in, Google OAuth, password reset and email verification are recorded; impersonation, passkey and platform elevation events arrive with platform staff support.",
  },
  {
    id: "AD2",
    area: "Audit",
    text:
      "AuditLog records form submission reads, list exports, soft deletes (tombstones), PHI " +
      "access, WhatsApp template edits and catalog changes, each with actor, action, before and " +
      "after snapshots where they apply, and time.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "AD3",
    area: "Audit",
    text: "Both are kept forever: nothing purges them, and rows cannot be changed or removed.",
    status: "proven",
    tests: [
      {
        file: "packages/core/test/audit.test.ts",
        name: "AD3: audit_logs and auth_events refuse UPDATE, DELETE and TRUNCATE",
      },
    ],
  },
  {
    id: "DP1",
    area: "Data, sub-processors and privacy",
    text: "PostgreSQL with point-in-time recovery at the hosting provider.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "DP2",
    area: "Data, sub-processors and privacy",
    text: "A public sub-processor list; sub-processors handle customer data only as instructed.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "DP3",
    area: "Data, sub-processors and privacy",
    text:
      "No third-party analytics, tracking, session replay or error-monitoring script on any " +
      "page, enforced by Content-Security-Policy. The one exception: the Helpnest help widget on" +
      " signed-in dashboard pages, only when its environment variables are set. A cookies page " +
      "lists every cookie.",
    status: "not_yet",
    tests: [
      {
        file: "infra/stacks.test.ts",
        name: "DP3: allows scripts, styles and connections from no third-party origin",
      },
    ],
    gap: "The cookies page and the Helpnest widget exception are not built yet.",
  },
  {
    id: "CO1",
    area: "Compliance",
    text:
      "HIPAA mode is off by default. When an org's HIPAA flag is set, AI and speech-to-text " +
      "traffic is routed only to sub-processors with a BAA on record; BAA status is tracked per " +
      "sub-processor.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "CO2",
    area: "Compliance",
    text:
      "Healthcare-vertical detection gates PHI-sensitive form fields: an org without HIPAA mode " +
      "must not store PHI.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "CO3",
    area: "Compliance",
    text: "Payments go only through Stripe-hosted checkout; no card data touches VoiceCraft.",
    status: "not_yet",
    tests: [],
  },
  {
    id: "DI1",
    area: "Disclosure",
    text:
      "`/.well-known/security.txt` per RFC 9116 (Contact, Expires, Policy, Canonical, " +
      "Preferred-Languages).",
    status: "not_yet",
    tests: [],
  },
  {
    id: "DI2",
    area: "Disclosure",
    text: "A security page that states these claims, each linked to the test that proves it.",
    status: "proven",
    tests: [
      {
        file: "packages/web/test/site.test.ts",
        name:
          "DI2: the security page states every claim of the registry, with its status and the " +
          "tests that prove it",
      },
    ],
  },
];

/** The claims of one area, in registry order. */
export function claimsInArea(area: ClaimArea, from: readonly Claim[] = claims): Claim[] {
  return from.filter((claim) => claim.area === area);
}
