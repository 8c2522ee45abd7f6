import type { ZodMiniType } from "zod/mini";
import {
  Agent,
  type AgentInput,
  Call,
  CallDetail,
  ErrorBody,
  FormSubmission,
  Me,
  Order,
  type Page,
  PageOf,
  SignedIn,
} from "./schemas.ts";

/**
 * Where the API lives: the same origin under `/api` unless the build says otherwise. An
 * empty value counts as unset, since a blank line in an env file must not point the
 * dashboard at the site root.
 */
export const API_BASE: string = import.meta.env.PUBLIC_API_URL || "/api";

/**
 * A request that did not give the expected answer. `status` is 0 when no HTTP answer
 * came back at all; `code` is the API's stable code, or one of ours: NETWORK_ERROR,
 * HTTP_<status> for an error without the API's body, BAD_RESPONSE for a body of the
 * wrong shape.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly requestId: string | undefined;
  /** Messages per input path, from a VALIDATION_FAILED or WEAK_PASSWORD answer. */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Seconds to wait before trying again, from a 429's `Retry-After`; null when not given. */
  readonly retryAfter: number | null;

  constructor(
    status: number,
    code: string,
    message: string,
    requestId?: string,
    fields: Record<string, string[]> = {},
    retryAfter: number | null = null,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

/** True when the answer means "no session": the page shows the signed-out state. */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export type PageParams = {
  cursor?: string | null;
  limit?: number;
};

export interface ApiOptions {
  base?: string;
  /** Injected in tests; the browser's fetch otherwise. */
  fetch?: typeof fetch;
}

export const PAGE_SIZE = 25;

/** A typed client for the VoiceCraft API; every call sends the session cookie. */
export function createApi(options: ApiOptions = {}) {
  const base = (options.base ?? API_BASE).replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function request<T>(
    method: string,
    path: string,
    schema: ZodMiniType<T> | null,
    body?: unknown,
  ): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";

    let response: Response;
    try {
      response = await doFetch(base + path, {
        method,
        headers,
        credentials: "include",
        // Answers carry customer data; the browser must not reuse one for another session.
        cache: "no-store",
        body: body === undefined ? null : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, "NETWORK_ERROR", "The VoiceCraft API could not be reached.");
    }

    if (!response.ok) throw await toApiError(response);
    if (schema === null) return undefined as T;

    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new ApiError(
        response.status,
        "BAD_RESPONSE",
        "The API answered in a shape this page does not understand.",
        response.headers.get("x-request-id") ?? undefined,
      );
    }
    return parsed.data;
  }

  const org = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;
  const one = (id: string) => `/${encodeURIComponent(id)}`;

  return {
    me: () => request("GET", "/me", Me),

    // Answers that only say "done" (202, 204) are not parsed: the same 202 comes back
    // whether or not an email is registered, so there is nothing in it to read.
    auth: {
      signUp: (input: { email: string; password: string; name: string; orgName: string }) =>
        request("POST", "/auth/sign-up", null, input),
      verifyEmail: (input: { email: string; code: string }) =>
        request("POST", "/auth/verify-email", SignedIn, input),
      resendVerification: (input: { email: string }) =>
        request("POST", "/auth/verify-email/resend", null, input),
      signIn: (input: { email: string; password: string }) =>
        request("POST", "/auth/sign-in", SignedIn, input),
      signOut: () => request("POST", "/auth/sign-out", null),
      signOutEverywhere: () => request("POST", "/auth/sign-out-everywhere", null),
      forgotPassword: (input: { email: string }) =>
        request("POST", "/auth/forgot-password", null, input),
      resetPassword: (input: { token: string; password: string }) =>
        request("POST", "/auth/reset-password", null, input),
      changePassword: (input: { currentPassword: string; newPassword: string }) =>
        request("POST", "/auth/change-password", null, input),
    },

    agents: {
      list: (orgId: string, page: PageParams = {}): Promise<Page<Agent>> =>
        request("GET", `${org(orgId)}/agents${query(page)}`, PageOf(Agent)),
      get: (orgId: string, agentId: string) =>
        request("GET", `${org(orgId)}/agents${one(agentId)}`, Agent),
      create: (orgId: string, input: AgentInput) =>
        request("POST", `${org(orgId)}/agents`, Agent, input),
      update: (orgId: string, agentId: string, patch: Partial<AgentInput>) =>
        request("PATCH", `${org(orgId)}/agents${one(agentId)}`, Agent, patch),
      remove: (orgId: string, agentId: string) =>
        request("DELETE", `${org(orgId)}/agents${one(agentId)}`, null),
    },

    calls: {
      list: (
        orgId: string,
        page: PageParams & { agentId?: string | null } = {},
      ): Promise<Page<Call>> => request("GET", `${org(orgId)}/calls${query(page)}`, PageOf(Call)),
      get: (orgId: string, callId: string) =>
        request("GET", `${org(orgId)}/calls${one(callId)}`, CallDetail),
    },

    formSubmissions: {
      list: (
        orgId: string,
        page: PageParams & { formId?: string | null } = {},
      ): Promise<Page<FormSubmission>> =>
        request("GET", `${org(orgId)}/form-submissions${query(page)}`, PageOf(FormSubmission)),
      get: (orgId: string, submissionId: string) =>
        request("GET", `${org(orgId)}/form-submissions${one(submissionId)}`, FormSubmission),
    },

    orders: {
      list: (orgId: string, page: PageParams = {}): Promise<Page<Order>> =>
        request("GET", `${org(orgId)}/orders${query(page)}`, PageOf(Order)),
      get: (orgId: string, orderId: string) =>
        request("GET", `${org(orgId)}/orders${one(orderId)}`, Order),
    },
  };
}

/** The client the dashboard pages use. */
export type Api = ReturnType<typeof createApi>;

/** `?limit=25&cursor=…&agentId=…`, leaving out what is not set. */
function query(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  search.set("limit", String(params.limit ?? PAGE_SIZE));
  for (const [key, value] of Object.entries(params)) {
    if (key === "limit" || value === null || value === undefined || value === "") continue;
    search.set(key, String(value));
  }
  return `?${search}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }

  const retryAfter = parseRetryAfter(response.headers.get("retry-after"));
  const parsed = ErrorBody.safeParse(json);
  if (parsed.success) {
    const { code, message, requestId, fields } = parsed.data.error;
    return new ApiError(response.status, code, message, requestId, fields, retryAfter);
  }

  // A proxy or gateway answered, not the API: keep the status, say what we know.
  const message =
    response.status === 401
      ? "You are not signed in."
      : `The API answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(
    response.status,
    `HTTP_${response.status}`,
    message,
    response.headers.get("x-request-id") ?? undefined,
    {},
    retryAfter,
  );
}

/**
 * `Retry-After` in seconds. RFC 9110 allows a number of seconds or an HTTP date; anything
 * else is treated as absent rather than guessed at.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
