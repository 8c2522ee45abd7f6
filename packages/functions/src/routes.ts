import { AgentCreate, AgentUpdate } from "@voicecraft/core/agent";
import { PageQuery } from "@voicecraft/core/util/page";
import { email, object, string, uuid } from "zod";
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
] as const;
