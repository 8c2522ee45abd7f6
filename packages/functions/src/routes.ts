import { AgentCreate, AgentUpdate } from "@voicecraft/core/agent";
import { PageQuery } from "@voicecraft/core/util/page";
import {
  array,
  email,
  int,
  iso,
  looseObject,
  number,
  object,
  enum as oneOf,
  record,
  string,
  union,
  unknown,
  uuid,
} from "zod";
import { defineRoute, guard, type RateLimit } from "./http/route.ts";

// The route table: the only place a route exists. infra/ makes one Lambda per entry and
// the local gateway serves the same entries; a handler module serves exactly the entry it
// names (checked by routes.test.ts). Each entry is its own export so that a route's
// bundle keeps its own schemas and not everyone else's.

const OrgParams = object({ orgId: uuid() });
const AgentParams = object({ orgId: uuid(), agentId: uuid() });
const CallParams = object({ orgId: uuid(), callId: uuid() });
const SubmissionParams = object({ orgId: uuid(), submissionId: uuid() });
const OrderParams = object({ orgId: uuid(), orderId: uuid() });

export const healthGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/health",
  handler: "health/get",
  guard: guard.public,
  uses: ["storage"],
});

export const meGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/me",
  handler: "me/get",
  guard: guard.session,
});

export const agentsList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/agents",
  handler: "agents/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery,
});

export const agentsCreate = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/orgs/{orgId}/agents",
  handler: "agents/create",
  guard: guard.org("admin"),
  params: OrgParams,
  body: AgentCreate,
  example: { body: { name: "Front desk", phoneNumber: "+15550100999" } },
});

export const agentsGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/agents/{agentId}",
  handler: "agents/get",
  guard: guard.org("member"),
  params: AgentParams,
});

export const agentsUpdate = /* @__PURE__ */ defineRoute({
  method: "PATCH",
  path: "/orgs/{orgId}/agents/{agentId}",
  handler: "agents/update",
  guard: guard.org("admin"),
  params: AgentParams,
  body: AgentUpdate,
  example: { body: { name: "After-hours line" } },
});

export const agentsDelete = /* @__PURE__ */ defineRoute({
  method: "DELETE",
  path: "/orgs/{orgId}/agents/{agentId}",
  handler: "agents/delete",
  guard: guard.org("admin"),
  params: AgentParams,
});

export const callsList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/calls",
  handler: "calls/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery.extend({ agentId: uuid().optional() }),
});

export const callsGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/calls/{callId}",
  handler: "calls/get",
  guard: guard.org("member"),
  params: CallParams,
});

export const formSubmissionsList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/form-submissions",
  handler: "form-submissions/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery.extend({ formId: uuid().optional() }),
});

export const formSubmissionsGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/form-submissions/{submissionId}",
  handler: "form-submissions/get",
  guard: guard.org("member"),
  params: SubmissionParams,
});

export const ordersList = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/orders",
  handler: "orders/list",
  guard: guard.org("member"),
  params: OrgParams,
  query: PageQuery,
});

export const ordersGet = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/orgs/{orgId}/orders/{orderId}",
  handler: "orders/get",
  guard: guard.org("member"),
  params: OrderParams,
});

// Authentication. Each entry's limits count per client IP and per account (the email in
// the body, the session's user, or the reset token), and hold under concurrent bursts.

const EmailAddress = string().trim().toLowerCase().max(254).pipe(email());
/** Strength is judged in core (length, common passwords); here only the shape. */
const Password = string().min(1).max(1024);

const perIp = (name: string, points: number, windowSeconds: number): RateLimit => ({
  name: `${name}:ip`,
  by: "ip",
  points,
  windowSeconds,
});
const perAccount = (name: string, points: number, windowSeconds: number): RateLimit => ({
  name: `${name}:account`,
  by: "account",
  points,
  windowSeconds,
});

export const authSignUp = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/sign-up",
  handler: "auth/sign-up",
  guard: guard.public,
  body: object({
    email: EmailAddress,
    password: Password,
    name: string().trim().min(1).max(100),
    orgName: string().trim().min(1).max(100),
  }).strict(),
  rateLimits: [perIp("sign-up", 10, 3600), perAccount("sign-up", 5, 3600)],
  uses: ["email", "sessions"],
  example: {
    body: {
      email: "dana@brightsmile.example",
      password: "a long passphrase nobody guesses",
      name: "Dana",
      orgName: "Bright Smile Dental",
    },
  },
});

export const authVerifyEmail = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/verify-email",
  handler: "auth/verify-email",
  guard: guard.public,
  body: object({
    email: EmailAddress,
    code: string()
      .trim()
      .regex(/^\d{6}$/),
  }).strict(),
  rateLimits: [perIp("verify", 30, 600), perAccount("verify", 10, 600)],
  uses: ["sessions"],
  example: { body: { email: "dana@brightsmile.example", code: "123456" } },
});

export const authResendVerification = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/verify-email/resend",
  handler: "auth/resend-verification",
  guard: guard.public,
  body: object({ email: EmailAddress }).strict(),
  rateLimits: [perIp("resend", 10, 3600), perAccount("resend", 3, 600)],
  uses: ["email", "sessions"],
  example: { body: { email: "dana@brightsmile.example" } },
});

export const authSignIn = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/sign-in",
  handler: "auth/sign-in",
  guard: guard.public,
  body: object({ email: EmailAddress, password: Password }).strict(),
  rateLimits: [perIp("sign-in", 30, 900), perAccount("sign-in", 10, 900)],
  uses: ["email", "sessions"],
  example: { body: { email: "dana@brightsmile.example", password: "a long passphrase" } },
});

export const authSignOut = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/sign-out",
  handler: "auth/sign-out",
  guard: guard.session,
});

export const authSignOutEverywhere = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/sign-out-everywhere",
  handler: "auth/sign-out-everywhere",
  guard: guard.session,
});

export const authForgotPassword = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/forgot-password",
  handler: "auth/forgot-password",
  guard: guard.public,
  body: object({ email: EmailAddress }).strict(),
  rateLimits: [perIp("forgot", 10, 3600), perAccount("forgot", 3, 3600)],
  uses: ["email"],
  example: { body: { email: "dana@brightsmile.example" } },
});

export const authResetPassword = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/reset-password",
  handler: "auth/reset-password",
  guard: guard.public,
  body: object({ token: string().trim().min(20).max(200), password: Password }).strict(),
  rateLimits: [perIp("reset", 10, 900), perAccount("reset", 5, 900)],
  uses: ["email"],
  example: { body: { token: "r".repeat(43), password: "a new long passphrase" } },
});

export const authChangePassword = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/auth/change-password",
  handler: "auth/change-password",
  guard: guard.session,
  body: object({ currentPassword: Password, newPassword: Password }).strict(),
  rateLimits: [perIp("change-password", 20, 900), perAccount("change-password", 5, 900)],
  uses: ["email"],
  example: { body: { currentPassword: "the old one", newPassword: "a new long passphrase" } },
});

export const authGoogleStart = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/auth/google/start",
  handler: "auth/google-start",
  guard: guard.public,
  rateLimits: [perIp("google", 30, 600)],
  uses: ["google"],
});

export const authGoogleCallback = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/auth/google/callback",
  handler: "auth/google-callback",
  guard: guard.public,
  query: object({
    code: string().max(2048).optional(),
    state: string().max(512).optional(),
    error: string().max(200).optional(),
  }),
  rateLimits: [perIp("google", 30, 600)],
  uses: ["google", "sessions"],
});

// Provider webhooks (WH1, TN2). Each is verified by its provider's scheme on the raw body
// before anything is parsed or read; bodies are loose objects because providers add
// fields over time, and only the fields named here are used.

const E164 = string().regex(/^\+[1-9]\d{6,14}$/);
const CallSid = string().regex(/^CA[0-9a-fA-F]{32}$/);
const TwilioCallParams = looseObject({
  CallSid,
  AccountSid: string().max(64),
  From: string().max(64),
  To: E164,
});

export const webhooksTwilioVoice = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/twilio/voice",
  handler: "webhooks/twilio-voice",
  guard: guard.webhook("twilio"),
  bodyFormat: "form",
  body: TwilioCallParams,
});

export const webhooksTwilioStatus = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/twilio/status",
  handler: "webhooks/twilio-status",
  guard: guard.webhook("twilio"),
  bodyFormat: "form",
  body: TwilioCallParams.extend({
    CallStatus: oneOf([
      "queued",
      "ringing",
      "in-progress",
      "completed",
      "busy",
      "failed",
      "no-answer",
      "canceled",
    ]),
    CallDuration: string()
      .regex(/^\d{1,7}$/)
      .optional(),
  }),
});

export const webhooksTwilioRecording = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/twilio/recording",
  handler: "webhooks/twilio-recording",
  guard: guard.webhook("twilio"),
  bodyFormat: "form",
  body: looseObject({
    CallSid,
    RecordingSid: string().regex(/^RE[0-9a-fA-F]{32}$/),
    RecordingStatus: string().max(32),
  }),
});

export const webhooksStripe = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/stripe",
  handler: "webhooks/stripe",
  guard: guard.webhook("stripe"),
  body: looseObject({
    id: string().max(255),
    type: string().max(255),
    data: looseObject({ object: record(string(), unknown()) }),
  }),
});

export const webhooksSquare = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/square",
  handler: "webhooks/square",
  guard: guard.webhook("square"),
  body: looseObject({
    merchant_id: string().max(255),
    type: string().max(255),
    event_id: string().max(255),
    data: looseObject({ id: string().max(255), object: record(string(), unknown()).optional() }),
  }),
});

export const webhooksHubspot = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/hubspot",
  handler: "webhooks/hubspot",
  guard: guard.webhook("hubspot"),
  body: array(
    looseObject({
      eventId: union([int(), string().max(64)]),
      portalId: union([int(), string().max(64)]),
      subscriptionType: string().max(255),
    }),
  ).max(1000),
});

export const webhooksMetaHandshake = /* @__PURE__ */ defineRoute({
  method: "GET",
  path: "/webhooks/meta",
  handler: "webhooks/meta-handshake",
  guard: guard.webhook("meta"),
});

export const webhooksMeta = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/meta",
  handler: "webhooks/meta",
  guard: guard.webhook("meta"),
  body: looseObject({
    object: string().max(64),
    entry: array(
      looseObject({
        id: string().max(64),
        changes: array(looseObject({ field: string().max(128), value: unknown() })).max(100),
      }),
    ).max(100),
  }),
});

export const webhooksClover = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/clover",
  handler: "webhooks/clover",
  guard: guard.webhook("clover"),
  body: union([
    object({ verificationCode: string().max(256) }),
    looseObject({
      appId: string().max(64).optional(),
      merchants: record(
        string().max(64),
        array(
          looseObject({ objectId: string().max(128), type: string().max(32), ts: number() }),
        ).max(1000),
      ),
    }),
  ]),
});

export const webhooksGoogleCalendar = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/google-calendar",
  handler: "webhooks/google-calendar",
  guard: guard.webhook("google_calendar"),
});

/** Graph posts its handshake as text/plain, so its verifier parses the body itself. */
export const webhooksMicrosoft = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/webhooks/microsoft",
  handler: "webhooks/microsoft",
  guard: guard.webhook("microsoft"),
});

// The voice runtime's callbacks (WH2): Standard Webhooks signed with VOICECRAFT_API_KEY.

const RuntimeCallParams = object({ callId: uuid() });

export const internalTranscript = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/internal/calls/{callId}/transcript",
  handler: "internal/transcript",
  guard: guard.internal,
  params: RuntimeCallParams,
  body: object({
    segments: array(
      object({
        seq: int().min(0).max(1_000_000),
        speaker: oneOf(["agent", "caller", "system"]),
        text: string().max(10_000),
        startMs: int().min(0),
        endMs: int().min(0).optional(),
      }).strict(),
    )
      .min(1)
      .max(500),
  }).strict(),
});

export const internalToolInvocation = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/internal/calls/{callId}/tool-invocations",
  handler: "internal/tool-invocation",
  guard: guard.internal,
  params: RuntimeCallParams,
  body: object({
    invocationId: uuid(),
    toolName: string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    // Raw arguments: redacted before anything is stored or logged (TC1, TC2).
    arguments: unknown(),
    status: oneOf(["succeeded", "failed"]),
    resultSummary: string().max(1_000).optional(),
  }).strict(),
});

export const internalCallEnded = /* @__PURE__ */ defineRoute({
  method: "POST",
  path: "/internal/calls/{callId}/end",
  handler: "internal/call-ended",
  guard: guard.internal,
  params: RuntimeCallParams,
  body: object({
    summary: string().max(5_000),
    endedAt: iso.datetime({ offset: true }),
    durationSeconds: int().min(0).max(86_400).optional(),
  }).strict(),
});

/** Every route, in the order the gateway matches them. */
export const routes = [
  healthGet,
  meGet,
  agentsList,
  agentsCreate,
  agentsGet,
  agentsUpdate,
  agentsDelete,
  callsList,
  callsGet,
  formSubmissionsList,
  formSubmissionsGet,
  ordersList,
  ordersGet,
  authSignUp,
  authVerifyEmail,
  authResendVerification,
  authSignIn,
  authSignOut,
  authSignOutEverywhere,
  authForgotPassword,
  authResetPassword,
  authChangePassword,
  authGoogleStart,
  authGoogleCallback,
  webhooksTwilioVoice,
  webhooksTwilioStatus,
  webhooksTwilioRecording,
  webhooksStripe,
  webhooksSquare,
  webhooksHubspot,
  webhooksMetaHandshake,
  webhooksMeta,
  webhooksClover,
  webhooksGoogleCalendar,
  webhooksMicrosoft,
  internalTranscript,
  internalToolInvocation,
  internalCallEnded,
] as const;
