import { describe, expect, it } from "vitest";
import { ApiError, createApi, isUnauthenticated, parseRetryAfter } from "../src/lib/api.ts";
import {
  checkNewPassword,
  formatWait,
  googleErrorMessage,
  rateLimitMessage,
  safeNext,
} from "../src/lib/auth.ts";
import { isLocalUrl } from "../src/lib/dom.ts";
import { assignFieldErrors, checkAgentForm } from "../src/lib/field-errors.ts";
import { formatDuration, formatMoney, formatOffset, humanize } from "../src/lib/format.ts";
import { appLink, canManage, chooseOrg } from "../src/lib/org.ts";
import type { Membership } from "../src/lib/schemas.ts";

/** A fetch that answers once with `status` and `body`, and remembers what it was asked. */
function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init });
    const text = typeof body === "string" ? body : JSON.stringify(body);
    return new Response(status === 204 ? null : text, { status, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const agent = {
  id: "a1",
  orgId: "o/1",
  name: "Front desk",
  phoneNumber: "+14155550100",
  language: "en-US",
  voice: "alloy",
  greeting: "",
  instructions: "",
  createdAt: "2025-01-01T00:00:00.000Z",
  updatedAt: "2025-01-01T00:00:00.000Z",
};

describe("api client", () => {
  it("sends the session cookie and builds paged, encoded URLs", async () => {
    const { fetch, calls } = fakeFetch(200, { items: [agent], nextCursor: "c2" });
    const api = createApi({ base: "https://api.example.test/", fetch });

    const page = await api.agents.list("o/1", { cursor: "c1" });
    expect(page).toEqual({ items: [agent], nextCursor: "c2" });
    expect(calls[0]?.url).toBe("https://api.example.test/orgs/o%2F1/agents?limit=25&cursor=c1");
    expect(calls[0]?.init?.credentials).toBe("include");
    expect(calls[0]?.init?.method).toBe("GET");
  });

  it("leaves out filters that are not set", async () => {
    const { fetch, calls } = fakeFetch(200, { items: [], nextCursor: null });
    const api = createApi({ base: "/api", fetch });
    await api.calls.list("o1", { agentId: "", cursor: null });
    await api.calls.list("o1", { agentId: "a 1" });
    expect(calls.map((c) => c.url)).toEqual([
      "/api/orgs/o1/calls?limit=25",
      "/api/orgs/o1/calls?limit=25&agentId=a+1",
    ]);
  });

  it("sends JSON bodies and accepts 204 without a body", async () => {
    const created = fakeFetch(201, agent);
    await createApi({ fetch: created.fetch }).agents.create("o1", {
      name: "Front desk",
      phoneNumber: "+14155550100",
    });
    expect(created.calls[0]?.init?.body).toBe('{"name":"Front desk","phoneNumber":"+14155550100"}');
    expect(new Headers(created.calls[0]?.init?.headers).get("content-type")).toBe(
      "application/json",
    );

    const deleted = fakeFetch(204, "");
    await expect(createApi({ fetch: deleted.fetch }).agents.remove("o1", "a1")).resolves.toBe(
      undefined,
    );
  });

  it("turns the API's error body into an ApiError with its code, request id and fields", async () => {
    const { fetch } = fakeFetch(400, {
      error: {
        code: "VALIDATION_FAILED",
        message: "The request is not valid.",
        requestId: "r-1",
        fields: { phoneNumber: ["Expected an E.164 number"] },
      },
    });
    const error = await createApi({ fetch })
      .agents.create("o1", { name: "x", phoneNumber: "1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: "VALIDATION_FAILED",
      message: "The request is not valid.",
      requestId: "r-1",
      fields: { phoneNumber: ["Expected an E.164 number"] },
    });
  });

  it("recognizes a 401 as signed out, even without the API's body", async () => {
    const { fetch } = fakeFetch(401, "<html>gateway</html>");
    const error = await createApi({ fetch })
      .me()
      .catch((e: unknown) => e);
    expect(isUnauthenticated(error)).toBe(true);
    expect(error).toMatchObject({ code: "HTTP_401" });
  });

  it("reports unreachable APIs and answers of the wrong shape with their own codes", async () => {
    const down = createApi({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(down.me()).rejects.toMatchObject({ status: 0, code: "NETWORK_ERROR" });

    const { fetch } = fakeFetch(200, { user: { id: 1 } }, { "x-request-id": "r-2" });
    await expect(createApi({ fetch }).me()).rejects.toMatchObject({
      code: "BAD_RESPONSE",
      requestId: "r-2",
    });
  });
});

describe("org choice", () => {
  const memberships: Membership[] = [
    { orgId: "a", orgName: "A", role: "member" },
    { orgId: "b", orgName: "B", role: "admin" },
  ];

  it("takes the URL's org, else the remembered one, else the first", () => {
    expect(chooseOrg(memberships, "b", "a")).toEqual({ kind: "chosen", org: memberships[1] });
    expect(chooseOrg(memberships, null, "b")).toEqual({ kind: "chosen", org: memberships[1] });
    expect(chooseOrg(memberships, null, "gone")).toEqual({ kind: "chosen", org: memberships[0] });
    expect(chooseOrg([], null, null)).toEqual({ kind: "none" });
  });

  it("refuses an org in the URL that the user is not a member of", () => {
    expect(chooseOrg(memberships, "z", "a")).toEqual({ kind: "denied", requested: "z" });
  });

  it("lets owners and admins manage, not members", () => {
    expect([canManage("owner"), canManage("admin"), canManage("member")]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it("builds links that keep the org", () => {
    expect(appLink("/app/call/", "o 1", { id: "c1", agentId: null })).toBe(
      "/app/call/?org=o+1&id=c1",
    );
  });
});

describe("field errors", () => {
  it("puts messages on the input their path names, and keeps the rest", () => {
    const errors = assignFieldErrors(
      { "body.phoneNumber": ["Taken"], name: ["Too long"], "": ["Nothing to update"], x: ["?"] },
      ["name", "phoneNumber"] as const,
    );
    expect(errors).toEqual({
      byField: { phoneNumber: ["Taken"], name: ["Too long"] },
      other: ["Nothing to update", "x: ?"],
    });
  });

  it("checks name and E.164 number before sending", () => {
    const empty = {
      name: "",
      phoneNumber: "",
      language: "",
      voice: "",
      greeting: "",
      instructions: "",
    };
    expect(Object.keys(checkAgentForm(empty).byField)).toEqual(["name", "phoneNumber"]);
    expect(
      checkAgentForm({ ...empty, name: "A", phoneNumber: "+0123" }).byField.phoneNumber,
    ).toHaveLength(1);
    expect(checkAgentForm({ ...empty, name: "A", phoneNumber: "+14155550100" }).byField).toEqual(
      {},
    );
  });
});

describe("formatting and links", () => {
  it("formats durations, offsets, money and statuses", () => {
    expect(formatDuration(247)).toBe("4:07");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(null)).toBe("—");
    expect(formatOffset(65_900)).toBe("1:05");
    expect(formatMoney(2800, "USD")).toMatch(/28\.00/);
    expect(formatMoney(100, "NOT-A-CODE")).toBe("1.00 NOT-A-CODE");
    expect(humanize("no_answer")).toBe("No answer");
  });

  it("accepts only links on this site", () => {
    expect(["/app/", "?id=1", "#main"].map(isLocalUrl)).toEqual([true, true, true]);
    expect(
      ["javascript:alert(1)", "//evil.test/", "/\\evil.test", "https://x.test", "data:x"].map(
        isLocalUrl,
      ),
    ).toEqual([false, false, false, false, false]);
  });
});

describe("auth helpers", () => {
  const origin = "https://app.voicecraft.test";

  it("keeps a ?next= only when it is a dashboard path on this origin", () => {
    expect(safeNext("/app/calls/?org=o1#top", origin)).toBe("/app/calls/?org=o1#top");
    expect(safeNext(null, origin)).toBe("/app/");
    for (const next of [
      "https://evil.test/app/",
      "//evil.test/app/",
      "/\\evil.test/app/",
      "/app/\\..\\x",
      "/app/../sign-in/",
      "/app/%2e%2e/security/",
      "/app/\tx",
      "/security/",
      "javascript:alert(1)//app/",
      "app/",
    ]) {
      expect(safeNext(next, origin), next).toBe("/app/");
    }
  });

  it("says a wait in words, rounded up", () => {
    expect([0.2, 1, 45, 59.5, 60, 61, 840, 3600, 3900, 7200].map(formatWait)).toEqual([
      "1 second",
      "1 second",
      "45 seconds",
      "1 minute",
      "1 minute",
      "2 minutes",
      "14 minutes",
      "1 hour",
      "1 hour and 5 minutes",
      "2 hours",
    ]);
    expect(rateLimitMessage(840)).toBe("Too many attempts. Try again in 14 minutes.");
    expect(rateLimitMessage(null)).toBe("Too many attempts. Wait a little, then try again.");
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-03-12T14:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Wed, 12 Mar 2025 14:14:00 GMT", now)).toBe(840);
    expect(parseRetryAfter("soon", now)).toBe(null);
    expect(parseRetryAfter(null, now)).toBe(null);
  });

  it("counts password length in characters, as NIST does", () => {
    expect(checkNewPassword("")).toEqual(["Enter a password."]);
    expect(checkNewPassword("fourteen chars")[0]).toMatch(
      /at least 15 characters; this one has 14/,
    );
    expect(checkNewPassword("🎹🎻🎺🥁🎷🎸🪕🎼🎵🎶🎤🎧🎚🎛📯")).toEqual([]);
    expect(checkNewPassword("x".repeat(257))).toEqual(["Use at most 256 characters."]);
  });

  it("turns Google's return codes into fixed sentences, never the code as given", () => {
    expect(googleErrorMessage(null)).toBe(null);
    expect(googleErrorMessage("GOOGLE_CANCELLED")).toMatch(/was cancelled/);
    expect(googleErrorMessage("<b>hi</b>")).toBe(googleErrorMessage("GOOGLE_FAILED"));
  });

  it("carries a 429's Retry-After on the ApiError", async () => {
    const { fetch, calls } = fakeFetch(
      429,
      { error: { code: "RATE_LIMITED", message: "Slow down.", requestId: "r-9" } },
      { "retry-after": "840" },
    );
    const error = await createApi({ fetch })
      .auth.signIn({ email: "a@b.test", password: "p" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfter: 840 });
    expect(calls[0]?.url).toBe("/api/auth/sign-in");
    expect(calls[0]?.init?.method).toBe("POST");
  });
});
