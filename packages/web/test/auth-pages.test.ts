import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { closePage, openBrowser, openPage } from "./browser.ts";
import {
  createFakeApi,
  KNOWN_EMAIL,
  KNOWN_PASSWORD,
  ORG_ID,
  UNVERIFIED_EMAIL,
  VALID_CODE,
  VALID_RESET_TOKEN,
} from "./fake-api.ts";
import { type StaticServer, startStaticServer } from "./static-server.ts";

// The sign-up, sign-in and password pages against the fake API: what each page shows for
// each answer. The real API drives the same pages end to end in auth-platform.test.ts.

const distDir = inject("distDir");
const AUTH_PAGES = [
  "/sign-up/",
  "/verify-email/",
  "/sign-in/",
  "/forgot-password/",
  "/reset-password/",
];
const NEW_PASSWORD = "purple elephants dance quietly";

let server: StaticServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
const fake = createFakeApi();
const pageProblems: string[] = [];

beforeAll(async () => {
  // These pages start signed out; tests that need a session say so.
  fake.state.signedIn = false;
  server = await startStaticServer(distDir, fake.handler);
  browser = await openBrowser();
  context = browser.context;
  // A wait that cannot succeed fails with its locator named, well inside the test timeout.
  context.setDefaultTimeout(10_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  fake.state.signedIn = false;
  fake.state.password = KNOWN_PASSWORD;
  fake.state.rateLimited.clear();
  fake.state.requests.length = 0;
  for (const page of context.pages()) await closePage(page);
  await context.clearCookies();
});

async function open(path: string): Promise<Page> {
  const page = await openPage(context, server.origin, path, pageProblems);
  // Module scripts run before "load", so the page's handlers are wired by then.
  await page.waitForLoadState("load");
  return page;
}

const posts = (path: string) =>
  fake.state.requests.filter((r) => r.method === "POST" && r.path === path);

/** The text of an element once it is shown. */
async function shownText(page: Page, selector: string): Promise<string> {
  const element = page.locator(selector);
  await element.waitFor({ state: "visible" });
  return (await element.textContent())?.replace(/\s+/g, " ").trim() ?? "";
}

describe("sign-up", () => {
  it("states the 15-character rule up front and checks it before sending anything", async () => {
    const page = await open("/sign-up/");
    expect(await page.locator("#sign-up-password-hint").textContent()).toMatch(
      /At least 15 characters/,
    );
    expect(await page.locator("#sign-up-password").getAttribute("minlength")).toBe("15");

    await page.getByLabel("Your name").fill("Olive");
    await page.getByLabel("Organization name").fill("Acme Dental");
    await page.getByLabel("Email").fill("olive@acme.test");
    await page.getByLabel("Password", { exact: true }).fill("short pass");
    await page.getByRole("button", { name: "Create account" }).click();

    expect(await shownText(page, "#sign-up-password-error")).toMatch(
      /at least 15 characters; this one has 10/,
    );
    expect(await page.locator("#sign-up-password").getAttribute("aria-invalid")).toBe("true");
    expect(posts("/api/auth/sign-up")).toEqual([]);
  });

  it("shows the API's field errors, then hands over to the verify page with the email", async () => {
    const page = await open("/sign-up/?next=/app/agents/");
    const password = page.getByLabel("Password", { exact: true });
    await page.getByLabel("Your name").fill("Olive");
    await page.getByLabel("Organization name").fill("Reserved");
    await page.getByLabel("Email").fill("olive@acme.test");
    await password.fill("my password is long enough");

    // "Show" reveals the passphrase for checking; submitting hides it again.
    await page.getByRole("button", { name: "Show password" }).click();
    expect(await password.getAttribute("type")).toBe("text");
    await page.getByRole("button", { name: "Create account" }).click();
    expect(await shownText(page, "#sign-up-password-error")).toBe("This password is too common.");
    expect(await password.getAttribute("type")).toBe("password");

    await password.fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Create account" }).click();
    expect(await shownText(page, "#sign-up-orgName-error")).toBe("This name is reserved.");
    expect(await page.locator("#sign-up-password-error").isHidden()).toBe(true);

    await page.getByLabel("Organization name").fill("Acme Dental");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL((url) => url.pathname === "/verify-email/");
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      email: "olive@acme.test",
      sent: "sign-up",
      next: "/app/agents/",
    });
    expect(posts("/api/auth/sign-up").at(-1)?.body).toEqual({
      name: "Olive",
      orgName: "Acme Dental",
      email: "olive@acme.test",
      password: NEW_PASSWORD,
    });

    expect(await page.getByLabel("Email").inputValue()).toBe("olive@acme.test");
    expect(await shownText(page, "#verify-intro")).toContain("We sent an email to olive@acme.test");
    // A code has just gone out, so resending waits, and says how long.
    const resend = page.locator("#verify-resend");
    expect(await resend.isDisabled()).toBe(true);
    expect(await resend.textContent()).toMatch(/^Send a new code \((60|59) s\)$/);
  });
});

describe("verify email", () => {
  it("says a wrong code did not work, and the right one opens the dashboard page asked for", async () => {
    const next = `/app/agents/?org=${ORG_ID}`;
    const page = await open(
      `/verify-email/?${new URLSearchParams({ email: KNOWN_EMAIL, sent: "sign-up", next })}`,
    );
    const code = page.getByLabel("6-digit code");
    expect(await code.getAttribute("autocomplete")).toBe("one-time-code");
    expect(await code.getAttribute("inputmode")).toBe("numeric");

    await code.fill("12345");
    await page.getByRole("button", { name: "Verify and continue" }).click();
    expect(await shownText(page, "#verify-code-error")).toMatch(/Enter the 6 digits/);
    expect(posts("/api/auth/verify-email")).toEqual([]);

    await code.fill("654321");
    await page.getByRole("button", { name: "Verify and continue" }).click();
    expect(await shownText(page, "#verify-code-error")).toMatch(/That code did not work/);

    await code.fill("123 456");
    await page.getByRole("button", { name: "Verify and continue" }).click();
    await page.waitForURL(`${server.origin}${next}`);
    expect(posts("/api/auth/verify-email").at(-1)?.body).toEqual({
      email: KNOWN_EMAIL,
      code: VALID_CODE,
    });
  });

  it("resends a code with the same answer for any address, and waits out a 429", async () => {
    const page = await open("/verify-email/");
    const resend = page.locator("#verify-resend");
    expect(await resend.isEnabled()).toBe(true);
    await page.getByLabel("Email").fill("someone@acme.test");
    await resend.click();
    expect(await shownText(page, "#verify-resend-status")).toBe(
      "If someone@acme.test is waiting for verification, a new code is on its way. " +
        "Only the newest code works.",
    );
    expect(await resend.isDisabled()).toBe(true);

    fake.state.rateLimited.set("/api/auth/verify-email/resend", 45);
    await page.reload();
    await page.getByLabel("Email").fill("someone@acme.test");
    await resend.click();
    expect(await shownText(page, "#verify-resend-status")).toBe(
      "Too many attempts. Try again in 45 seconds.",
    );
    expect(await resend.textContent()).toMatch(/^Send a new code \(4[45] s\)$/);
  });
});

describe("sign-in", () => {
  it("signs in and opens the dashboard, or the same-origin dashboard page in ?next=", async () => {
    const next = `/app/calls/?org=${ORG_ID}`;
    const page = await open(`/sign-in/?next=${encodeURIComponent(next)}`);
    expect(await page.getByLabel("Email").getAttribute("autocomplete")).toBe("username");
    expect(await page.getByLabel("Password", { exact: true }).getAttribute("autocomplete")).toBe(
      "current-password",
    );
    expect(await page.locator("#sign-in-sign-up").getAttribute("href")).toBe(
      `/sign-up/?next=${encodeURIComponent(next)}`,
    );
    await page.getByLabel("Email").fill(KNOWN_EMAIL);
    await page.getByLabel("Password", { exact: true }).fill(KNOWN_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${server.origin}${next}`);
    await page.locator("#app-content").waitFor();
    expect((await context.cookies(server.origin)).map((c) => c.name)).toContain("vc_session");
  });

  it("ignores a ?next= that would leave the dashboard or this origin", async () => {
    const page = await context.newPage();
    for (const next of [
      "https://evil.test/app/",
      "//evil.test/app/",
      "/\\evil.test/app/",
      "/app/../sign-up/",
      "/security/",
    ]) {
      await page.goto(`${server.origin}/sign-in/?next=${encodeURIComponent(next)}`);
      await page.getByLabel("Email").fill(KNOWN_EMAIL);
      await page.getByLabel("Password", { exact: true }).fill(KNOWN_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((url) => url.pathname !== "/sign-in/");
      expect(page.url(), next).toMatch(new RegExp(`^${server.origin}/app/(\\?|$)`));
    }
  });

  it("gives one message for a wrong password or an unknown email, and empties the password", async () => {
    const page = await open("/sign-in/");
    const messages: string[] = [];
    for (const email of [KNOWN_EMAIL, "nobody@acme.test"]) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("not the right passphrase");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      messages.push(await shownText(page, "#sign-in-notice"));
      expect(await page.getByLabel("Password", { exact: true }).inputValue()).toBe("");
    }
    expect(messages).toEqual([
      "The email or password is not right. Check both and try again.",
      "The email or password is not right. Check both and try again.",
    ]);
  });

  it("sends an unverified account to the verify page with its email filled in", async () => {
    const page = await open("/sign-in/");
    await page.getByLabel("Email").fill(UNVERIFIED_EMAIL);
    await page.getByLabel("Password", { exact: true }).fill(KNOWN_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/verify-email/");
    expect(await page.getByLabel("Email").inputValue()).toBe(UNVERIFIED_EMAIL);
    expect(await shownText(page, "#verify-intro")).toContain(
      "Your email address is not verified yet. We sent a new 6-digit code to new@acme.test",
    );
  });

  it.each([
    [840, "Too many attempts. Try again in 14 minutes."],
    [30, "Too many attempts. Try again in 30 seconds."],
    [3900, "Too many attempts. Try again in 1 hour and 5 minutes."],
  ])("shows a 429 with Retry-After %i as the wait in words", async (seconds, message) => {
    fake.state.rateLimited.set("/api/auth/sign-in", seconds);
    const page = await open("/sign-in/");
    await page.getByLabel("Email").fill(KNOWN_EMAIL);
    await page.getByLabel("Password", { exact: true }).fill(KNOWN_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    expect(await shownText(page, "#sign-in-notice")).toBe(message);
    expect(await page.locator("#sign-in-notice [role=alert]").count()).toBe(1);
  });

  it("links Google sign-in to the API and shows Google's return codes as sentences", async () => {
    const page = await open("/sign-in/");
    expect(await page.getByRole("link", { name: "Sign in with Google" }).getAttribute("href")).toBe(
      "/api/auth/google/start",
    );
    expect(await page.locator("#sign-in-page-notice").isHidden()).toBe(true);

    const cases: [string, RegExp][] = [
      ["GOOGLE_CANCELLED", /^Signing in with Google was cancelled\./],
      ["GOOGLE_EMAIL_UNVERIFIED", /^Google has not verified the email address/],
      ["GOOGLE_FAILED", /^Signing in with Google did not work\./],
      // Anything else in the URL is not echoed: it gets the general sentence.
      ["<img src=x>", /^Signing in with Google did not work\./],
    ];
    for (const [code, message] of cases) {
      await page.goto(`${server.origin}/sign-in/?error=${encodeURIComponent(code)}`);
      expect(await shownText(page, "#sign-in-page-notice")).toMatch(message);
      expect(await page.locator("#sign-in-page-notice img").count()).toBe(0);
    }
  });
});

describe("forgot and reset password", () => {
  it("forgot-password answers a known and an unknown email with the same words", async () => {
    const answers: string[] = [];
    for (const email of [KNOWN_EMAIL, "nobody@acme.test"]) {
      const page = await open("/forgot-password/");
      expect(await page.getByLabel("Email").getAttribute("autocomplete")).toBe("email");
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      answers.push((await shownText(page, "#forgot-done")).replace(email, "<email>"));
      expect(await page.locator("#forgot-form").isHidden()).toBe(true);
      await closePage(page);
    }
    expect(answers[0]).toMatch(/^If there is a VoiceCraft account for <email>, we sent it a link/);
    expect(answers[1]).toBe(answers[0]);
  });

  it("says when a reset link has no token", async () => {
    const page = await open("/reset-password/");
    expect(await shownText(page, "#reset-notice")).toMatch(/missing its reset code/);
    expect(await page.locator("#reset-form").isHidden()).toBe(true);
  });

  it("takes the token off the address bar, refuses a used link with a way on, then sends to sign-in", async () => {
    const bad = await open("/reset-password/?token=used-token-0123456789abcdefgh");
    expect(bad.url()).toBe(`${server.origin}/reset-password/`);
    const password = bad.getByLabel("New password", { exact: true });
    expect(await password.getAttribute("autocomplete")).toBe("new-password");
    await password.fill(NEW_PASSWORD);
    await bad.getByRole("button", { name: "Save the new password" }).click();
    expect(await shownText(bad, "#reset-notice")).toMatch(/This reset link does not work any more/);
    expect(await bad.locator("#reset-notice a").getAttribute("href")).toBe("/forgot-password/");

    const page = await open(`/reset-password/?token=${VALID_RESET_TOKEN}`);
    await page.getByLabel("New password", { exact: true }).fill("a password, but long");
    await page.getByRole("button", { name: "Save the new password" }).click();
    expect(await shownText(page, "#reset-password-error")).toBe("This password is too common.");

    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");
    expect(await shownText(page, "#sign-in-page-notice")).toMatch(/Your password has been reset/);
    expect(posts("/api/auth/reset-password").at(-1)?.body).toEqual({
      token: VALID_RESET_TOKEN,
      password: NEW_PASSWORD,
    });
  });
});

describe("signed-in pages", () => {
  async function signIn(): Promise<void> {
    fake.state.signedIn = true;
    await context.addCookies([{ name: "vc_session", value: "test-session", url: server.origin }]);
  }

  it("the signed-out state links to sign-in and sign-up, and sign-in comes back to the page", async () => {
    const path = `/app/calls/?org=${ORG_ID}`;
    const page = await open(path);
    const signInLink = page.getByRole("link", { name: "Sign in", exact: true });
    await signInLink.waitFor();
    expect(await signInLink.getAttribute("href")).toBe(
      `/sign-in/?next=${encodeURIComponent(path)}`,
    );
    expect(await page.getByRole("link", { name: "Create an account" }).getAttribute("href")).toBe(
      `/sign-up/?next=${encodeURIComponent(path)}`,
    );

    await signInLink.click();
    await page.getByLabel("Email").fill(KNOWN_EMAIL);
    await page.getByLabel("Password", { exact: true }).fill(KNOWN_PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL(`${server.origin}${path}`);
    await page.locator("#app-content").waitFor();
  });

  it("signs out from the app bar and forgets the org chosen on this browser", async () => {
    await signIn();
    const page = await open(`/app/?org=${ORG_ID}`);
    await page.locator("#app-content").waitFor();
    expect(await page.evaluate(() => localStorage.getItem("voicecraft.org"))).toBe(ORG_ID);

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");
    expect(await shownText(page, "#sign-in-page-notice")).toBe("You have signed out.");
    expect(posts("/api/auth/sign-out")).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem("voicecraft.org"))).toBe(null);
  });

  it("settings changes the password, putting a wrong current password on its field", async () => {
    await signIn();
    const page = await open(`/app/settings/?org=${ORG_ID}`);
    await page.locator("#app-content").waitFor();
    expect(await page.locator("#settings-account").textContent()).toContain(KNOWN_EMAIL);
    expect(await page.locator("#password-username").inputValue()).toBe(KNOWN_EMAIL);

    const current = page.getByLabel("Current password", { exact: true });
    const fresh = page.getByLabel("New password", { exact: true });
    expect(await current.getAttribute("autocomplete")).toBe("current-password");
    expect(await fresh.getAttribute("autocomplete")).toBe("new-password");
    expect(await page.locator("#password-newPassword-hint").textContent()).toMatch(
      /At least 15 characters/,
    );

    await current.fill("not my password at all");
    await fresh.fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await shownText(page, "#password-currentPassword-error")).toBe(
      "That is not your current password.",
    );
    // A wrong current password is a 401 that must not read as "signed out".
    expect(await page.evaluate(() => document.body.dataset.appState)).toBe("ready");

    await current.fill(KNOWN_PASSWORD);
    await fresh.fill("short");
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await shownText(page, "#password-newPassword-error")).toMatch(/at least 15/);

    await fresh.fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    expect(await shownText(page, "#password-notice")).toMatch(/^Your password was changed\./);
    expect(await current.inputValue()).toBe("");
    expect(fake.state.password).toBe(NEW_PASSWORD);
  });

  it("settings signs out everywhere and opens sign-in", async () => {
    await signIn();
    const page = await open(`/app/settings/?org=${ORG_ID}`);
    await page.locator("#app-content").waitFor();
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");
    expect(await shownText(page, "#sign-in-page-notice")).toBe(
      "You have signed out on every device.",
    );
    expect(posts("/api/auth/sign-out-everywhere")).toHaveLength(1);
  });
});

describe("every auth page", () => {
  it("AU2: no password ever goes into a URL: forms post by script, and without script post a body", async () => {
    const password = "secret words in a row 123";
    const visited: string[] = [];
    const record = (request: { url(): string }) => visited.push(request.url());
    context.on("request", record);

    const pages: [string, string, Record<string, string>][] = [
      [
        "/sign-up/",
        "Create account",
        { "#sign-up-name": "O", "#sign-up-orgName": "A", "#sign-up-email": "o@acme.test" },
      ],
      ["/sign-in/", "Sign in", { "#sign-in-email": KNOWN_EMAIL }],
      [`/reset-password/?token=${VALID_RESET_TOKEN}`, "Save the new password", {}],
    ];
    for (const [path, submit, extra] of pages) {
      const page = await open(path);
      for (const [selector, value] of Object.entries(extra)) await page.fill(selector, value);
      const input = page.locator("input[type=password]");
      expect(await input.count()).toBe(1);
      expect(await page.locator("form:has(input[type=password])").getAttribute("method")).toBe(
        "post",
      );
      await input.fill(password);
      await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: submit, exact: true }).click(),
      ]);
      await closePage(page);
    }
    context.off("request", record);

    expect(visited.length).toBeGreaterThan(0);
    for (const url of visited) expect(decodeURIComponent(url)).not.toContain(password);
    const sent = fake.state.requests.filter((r) => JSON.stringify(r.body).includes(password));
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/auth/sign-up",
      "POST /api/auth/sign-in",
      "POST /api/auth/reset-password",
    ]);
  });

  it("every auth page loads nothing from another origin and raises no error or CSP violation", async () => {
    const seen: string[] = [];
    const record = (request: { url(): string }) => seen.push(request.url());
    context.on("request", record);
    try {
      for (const path of AUTH_PAGES) {
        const page = await open(path);
        await page.waitForLoadState("networkidle");
        expect(await page.locator("h1").count(), path).toBe(1);
        await closePage(page);
      }
    } finally {
      context.off("request", record);
    }
    for (const url of seen) expect(new URL(url).origin, url).toBe(server.origin);
    expect(pageProblems).toEqual([]);
  });
});
