import type { IncomingMessage, ServerResponse } from "node:http";
import type { Agent, CallDetail, FormSubmission, Me, Order } from "../src/lib/schemas.ts";
import { type ApiHandler, json } from "./static-server.ts";

export const ORG_ID = "0190a000-0000-7000-8000-000000000001";
export const OTHER_ORG_ID = "0190a000-0000-7000-8000-000000000002";

/** A name that would become markup if the dashboard ever used innerHTML. */
export const HOSTILE_NAME = `<img src="/x.png" onerror="alert(1)">Front desk & "friends"`;

/** The one account the fake API knows, verified, and its password. */
export const KNOWN_EMAIL = "ops@acme.test";
export const KNOWN_PASSWORD = "correct horse battery staple";
/** An account whose password is right but whose email was never verified. */
export const UNVERIFIED_EMAIL = "new@acme.test";
export const VALID_CODE = "123456";
export const VALID_RESET_TOKEN = "reset-token-0123456789abcdefghij";

export interface FakeApiRequest {
  method: string;
  path: string;
  cookie: string | undefined;
  body: unknown;
}

/**
 * The API's shapes, answered from memory: enough of it to drive the dashboard pages in a
 * browser. The real API is tested end to end elsewhere; this one pins down what the
 * pages do with each answer, including the error bodies.
 */
export function createFakeApi() {
  const state = {
    signedIn: true,
    role: "owner" as Me["memberships"][number]["role"],
    agents: seedAgents(),
    requests: [] as FakeApiRequest[],
    password: KNOWN_PASSWORD,
    /** Auth paths (`/api/auth/sign-in` …) that answer 429 with this `Retry-After`. */
    rateLimited: new Map<string, number>(),
  };

  const call: CallDetail = {
    id: "0190a000-0000-7000-8000-00000000c001",
    agentId: state.agents[0]?.id ?? "",
    direction: "inbound",
    fromNumber: "+14155550100",
    toNumber: "+14155550199",
    status: "completed",
    startedAt: "2025-03-12T14:05:00.000Z",
    endedAt: "2025-03-12T14:09:07.000Z",
    durationSeconds: 247,
    summary: "Caller booked a cleaning for Tuesday.",
    transcript: [
      {
        seq: 2,
        speaker: "agent",
        text: "Tuesday at 10 works. Booked!",
        startMs: 9000,
        endMs: 11000,
      },
      {
        seq: 0,
        speaker: "agent",
        text: "Hello, Acme Dental, how can I help?",
        startMs: 0,
        endMs: 2500,
      },
      { seq: 1, speaker: "caller", text: "<b>I need</b> a cleaning.", startMs: 3000, endMs: 5000 },
      { seq: 3, speaker: "system", text: "Call ended by caller.", startMs: 12000, endMs: null },
    ],
    toolInvocations: [
      {
        id: "0190a000-0000-7000-8000-00000000t001",
        toolName: "book_appointment",
        redactedArguments: { patientName: "[REDACTED]", slot: "2025-03-18T10:00" },
        status: "succeeded",
        resultSummary: "Booked Tuesday 10:00",
        createdAt: "2025-03-12T14:08:00.000Z",
      },
    ],
  };
  const { transcript: _t, toolInvocations: _i, ...callSummary } = call;

  const submission: FormSubmission = {
    id: "0190a000-0000-7000-8000-00000000f001",
    formId: "0190a000-0000-7000-8000-00000000f0f0",
    formName: "New patient intake",
    callId: call.id,
    data: { reason: "Cleaning", returning: false, notes: "<script>alert(1)</script>" },
    createdAt: "2025-03-12T14:09:00.000Z",
  };

  const order: Order = {
    id: "0190a000-0000-7000-8000-00000000o001",
    agentId: call.agentId,
    callId: call.id,
    source: "call",
    externalId: null,
    status: "confirmed",
    items: [
      { name: "Whitening kit", quantity: 2, unitPriceCents: 1250 },
      { name: "Floss", quantity: 1, unitPriceCents: 300 },
    ],
    totalCents: 2800,
    currency: "USD",
    createdAt: "2025-03-12T14:10:00.000Z",
  };

  const me = (): Me => ({
    user: {
      id: "0190a000-0000-7000-8000-0000000000u1",
      email: "ops@acme.test",
      name: "Olive Operator",
    },
    memberships: [
      { orgId: ORG_ID, orgName: "Acme Dental", role: state.role },
      { orgId: OTHER_ORG_ID, orgName: "Beta Bakery", role: "member" },
    ],
  });

  const handler: ApiHandler = async (req, res, url) => {
    const body = await readBody(req);
    state.requests.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      cookie: req.headers.cookie,
      body,
    });

    const retryAfter = state.rateLimited.get(url.pathname);
    if (retryAfter !== undefined) {
      res.setHeader("retry-after", String(retryAfter));
      return fail(res, 429, "RATE_LIMITED", "Too many requests.");
    }
    if (url.pathname.startsWith("/api/auth/") && (await auth(res, url.pathname, body))) {
      return true;
    }

    if (!state.signedIn) return fail(res, 401, "UNAUTHENTICATED", "Sign in to continue.");
    if (url.pathname === "/api/me") return ok(res, me());

    const match = /^\/api\/orgs\/([^/]+)\/([a-z-]+)(?:\/([^/]+))?$/.exec(url.pathname);
    if (!match) return false;
    const [, orgId, collection, id] = match;
    // Another tenant's org looks like nothing at all, as in the real API.
    if (orgId !== ORG_ID) return fail(res, 404, "ORG_NOT_FOUND", "No such organization.");

    const method = req.method ?? "GET";
    if (collection === "agents") return agents(res, url, method, id, body);
    if (method !== "GET") return fail(res, 405, "METHOD_NOT_ALLOWED", "Not allowed.");

    if (collection === "calls") {
      if (id)
        return id === call.id ? ok(res, call) : fail(res, 404, "CALL_NOT_FOUND", "No such call.");
      const agentId = url.searchParams.get("agentId");
      return ok(res, {
        items: !agentId || agentId === call.agentId ? [callSummary] : [],
        nextCursor: null,
      });
    }
    if (collection === "form-submissions") {
      if (id)
        return id === submission.id
          ? ok(res, submission)
          : fail(res, 404, "SUBMISSION_NOT_FOUND", "No such submission.");
      return ok(res, { items: [submission], nextCursor: null });
    }
    if (collection === "orders") {
      if (id)
        return id === order.id
          ? ok(res, order)
          : fail(res, 404, "ORDER_NOT_FOUND", "No such order.");
      return ok(res, { items: [order], nextCursor: null });
    }
    return false;
  };

  /** The auth routes, with the real API's enumeration-safe answers. */
  async function auth(res: ServerResponse, path: string, body: unknown): Promise<boolean> {
    const input = (body ?? {}) as Record<string, string | undefined>;
    const route = path.slice("/api/auth/".length);
    const signIn = () => {
      state.signedIn = true;
      res.setHeader("set-cookie", "vc_session=test-session; Path=/; HttpOnly; SameSite=Lax");
      const { user, memberships } = me();
      return ok(res, { user, memberships });
    };

    switch (route) {
      case "sign-up": {
        const weak = weakPassword(input.password ?? "", "password");
        if (weak) return weak;
        if (input.orgName === "Reserved") {
          return fail(res, 400, "VALIDATION_FAILED", "The request is not valid.", {
            "body.orgName": ["This name is reserved."],
          });
        }
        return ok(res, { status: "verification_sent" }, 202);
      }
      case "verify-email":
        return input.code === VALID_CODE
          ? signIn()
          : fail(res, 400, "INVALID_CODE", "The code is wrong or has expired.");
      case "verify-email/resend":
      case "forgot-password":
        return ok(res, { status: "accepted" }, 202);
      case "sign-in":
        if (input.password !== state.password) {
          return fail(res, 401, "INVALID_CREDENTIALS", "Wrong email or password.");
        }
        if (input.email === UNVERIFIED_EMAIL) {
          return fail(res, 403, "EMAIL_NOT_VERIFIED", "Verify your email address first.");
        }
        return input.email === KNOWN_EMAIL
          ? signIn()
          : fail(res, 401, "INVALID_CREDENTIALS", "Wrong email or password.");
      case "reset-password": {
        if (input.token !== VALID_RESET_TOKEN) {
          return fail(res, 400, "INVALID_TOKEN", "The link is not valid.");
        }
        const weak = weakPassword(input.password ?? "", "password");
        if (weak) return weak;
        state.password = input.password ?? "";
        state.signedIn = false;
        return ok(res, null, 204);
      }
      case "sign-out":
        state.signedIn = false;
        return ok(res, null, 204);
    }

    if (!state.signedIn) return fail(res, 401, "UNAUTHENTICATED", "Sign in to continue.");
    if (route === "sign-out-everywhere") {
      state.signedIn = false;
      return ok(res, null, 204);
    }
    if (route === "change-password") {
      if (input.currentPassword !== state.password) {
        return fail(res, 400, "INVALID_CURRENT_PASSWORD", "The current password is wrong.", {
          "body.currentPassword": ["The current password is wrong."],
        });
      }
      const weak = weakPassword(input.newPassword ?? "", "newPassword");
      if (weak) return weak;
      state.password = input.newPassword ?? "";
      return ok(res, null, 204);
    }
    return false;

    function weakPassword(password: string, field: string): true | null {
      if ([...password].length < 15) {
        return fail(res, 400, "WEAK_PASSWORD", "The password is too weak.", {
          [`body.${field}`]: ["Use at least 15 characters."],
        });
      }
      if (password.includes("password")) {
        return fail(res, 400, "WEAK_PASSWORD", "The password is too weak.", {
          [`body.${field}`]: ["This password is too common."],
        });
      }
      return null;
    }
  }

  function agents(
    res: ServerResponse,
    url: URL,
    method: string,
    id: string | undefined,
    body: unknown,
  ): boolean {
    const manage = state.role !== "member";
    if (!id && method === "GET") {
      const limit = Number(url.searchParams.get("limit") ?? 25);
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const items = state.agents.slice(start, start + limit);
      const next = start + limit < state.agents.length ? String(start + limit) : null;
      return ok(res, { items, nextCursor: next });
    }
    if (!id && method === "POST") {
      if (!manage) return fail(res, 403, "FORBIDDEN", "Only owners and admins can do this.");
      const input = body as Partial<Agent>;
      if (input.name === "Reserved") {
        return fail(res, 400, "VALIDATION_FAILED", "The request is not valid.", {
          name: ["This name is reserved."],
          "": ["Something about the whole body."],
        });
      }
      if (state.agents.some((a) => a.phoneNumber === input.phoneNumber)) {
        return fail(res, 409, "PHONE_NUMBER_TAKEN", "Another agent already has this number.");
      }
      const now = new Date().toISOString();
      const agent: Agent = {
        id: `0190a000-0000-7000-8000-${String(900000000000 + state.agents.length)}`,
        orgId: ORG_ID,
        name: input.name ?? "",
        phoneNumber: input.phoneNumber ?? "",
        language: input.language ?? "en-US",
        voice: input.voice ?? "alloy",
        greeting: input.greeting ?? "",
        instructions: input.instructions ?? "",
        createdAt: now,
        updatedAt: now,
      };
      state.agents.unshift(agent);
      return ok(res, agent, 201);
    }

    const index = state.agents.findIndex((a) => a.id === id);
    const agent = state.agents[index];
    if (!agent) return fail(res, 404, "AGENT_NOT_FOUND", "No such agent.");
    if (method === "GET") return ok(res, agent);
    if (!manage) return fail(res, 403, "FORBIDDEN", "Only owners and admins can do this.");
    if (method === "PATCH") {
      const updated = {
        ...agent,
        ...(body as Partial<Agent>),
        updatedAt: new Date().toISOString(),
      };
      state.agents[index] = updated;
      return ok(res, updated);
    }
    if (method === "DELETE") {
      state.agents.splice(index, 1);
      return ok(res, null, 204);
    }
    return fail(res, 405, "METHOD_NOT_ALLOWED", "Not allowed.");
  }

  return { state, handler, call, submission, order };
}

function seedAgents(): Agent[] {
  // 30 agents: more than one page of 25, so "Load more" has something to load.
  return Array.from({ length: 30 }, (_, i) => ({
    id: `0190a000-0000-7000-8000-${String(100000000000 + i)}`,
    orgId: ORG_ID,
    name: i === 0 ? HOSTILE_NAME : `Agent ${String(i).padStart(2, "0")}`,
    phoneNumber: `+1415555${String(1000 + i)}`,
    language: "en-US",
    voice: "alloy",
    greeting: "Hello!",
    instructions: "",
    createdAt: "2025-03-01T09:00:00.000Z",
    updatedAt: "2025-03-01T09:00:00.000Z",
  }));
}

function ok(res: ServerResponse, body: unknown, status = 200): true {
  json(res, status, body);
  return true;
}

function fail(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  fields?: Record<string, string[]>,
): true {
  json(res, status, {
    error: { code, message, requestId: `req-${code.toLowerCase()}`, ...(fields ? { fields } : {}) },
  });
  return true;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}
