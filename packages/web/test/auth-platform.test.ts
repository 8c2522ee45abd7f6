import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { type LocalPlatform, startLocalPlatform } from "../../functions/src/local/start.ts";
import {
  startTestIdentityProvider,
  type TestIdentityProvider,
} from "../../functions/test/oidc-provider.ts";
import { closePage, openBrowser } from "./browser.ts";

// Sign-up, sign-in, password reset and Google sign-in end to end: the built dashboard in
// Chromium, the real gateway and handlers, PGlite, and the local outbox standing in for
// the inbox. A real OpenID Provider on 127.0.0.1 stands in for Google.

const GOOGLE_CLIENT_ID = "voicecraft-web-test";
const GOOGLE_CLIENT_SECRET = randomBytes(24).toString("base64url");
const GOOGLE_ACCOUNT = {
  sub: "google-grace",
  email: "grace.hopper@example.test",
  email_verified: true,
  name: "Grace Hopper",
};

let platform: LocalPlatform;
let idp: TestIdentityProvider;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "voicecraft-auth-"));
  // Google's redirect URI must be registered before the platform exists, so its port is
  // chosen first.
  const port = await freePort();
  [idp, browser] = await Promise.all([
    startTestIdentityProvider({
      clientId: GOOGLE_CLIENT_ID,
      clientSecret: GOOGLE_CLIENT_SECRET,
      redirectUris: [`http://localhost:${port}/api/auth/google/callback`],
      accounts: [GOOGLE_ACCOUNT],
    }),
    openBrowser(),
  ]);
  context = browser.context;
  // A wait that cannot succeed fails with its locator named, well inside the test timeout.
  context.setDefaultTimeout(10_000);
  platform = await startLocalPlatform({
    dataDir,
    port,
    s3Port: 0,
    env: { GOOGLE_ISSUER: idp.issuer, GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET },
    buildWeb: false,
    webRoot: inject("distDir"),
  });
});

afterAll(async () => {
  await Promise.all([browser?.close(), platform?.close(), idp?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

afterEach(async () => {
  for (const page of context.pages()) await closePage(page);
  await context.clearCookies();
});

/** Every test gets its own person, so no test depends on another's account or limits. */
function newPerson(label: string) {
  const id = randomBytes(4).toString("hex");
  return {
    name: `${label} Tester`,
    email: `${label}-${id}@example.test`,
    orgName: `${label} Clinic ${id}`,
    password: `copper kettle ${id} sings at dawn`,
  };
}
type Person = ReturnType<typeof newPerson>;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(platform.url + path);
  return page;
}

/** The newest email to `to` with `tag`, waiting for it to arrive. */
async function mailTo(to: string, tag: string): Promise<{ text: string }> {
  let found: { text: string } | undefined;
  await expect
    .poll(
      async () => {
        const res = await fetch(
          `${platform.url}/__local/mailbox.json?${new URLSearchParams({ to })}`,
        );
        const { messages } = (await res.json()) as {
          messages: { tag: string; text: string }[];
        };
        found = messages.find((message) => message.tag === tag);
        return found !== undefined;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  return found as { text: string };
}

/** The code in the newest verification email to `to`. */
async function verificationCode(to: string): Promise<string> {
  const { text } = await mailTo(to, "verification_code");
  const code = /^\s*(\d{6})\s*$/m.exec(text)?.[1];
  if (!code) throw new Error("no code in the verification email");
  return code;
}

/** A call to the API as the dashboard's own page would make it. */
function api(path: string, init: { body?: unknown; cookie?: string; method?: string } = {}) {
  const headers: Record<string, string> = { origin: platform.url };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.cookie) headers.cookie = init.cookie;
  return fetch(`${platform.url}/api${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers,
    body: init.body === undefined ? null : JSON.stringify(init.body),
  });
}

function sessionOf(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("vc_session="));
  if (!cookie) throw new Error(`no session cookie in a ${res.status} answer`);
  return cookie.split(";")[0] ?? "";
}

/** Signs `person` up and verifies them through the API; returns their first session. */
async function createAccount(person: Person): Promise<string> {
  const signUp = await api("/auth/sign-up", {
    body: {
      email: person.email,
      password: person.password,
      name: person.name,
      orgName: person.orgName,
    },
  });
  expect(signUp.status).toBe(202);
  const verified = await api("/auth/verify-email", {
    body: { email: person.email, code: await verificationCode(person.email) },
  });
  expect(verified.status).toBe(200);
  return sessionOf(verified);
}

/** Another device: a session of its own, from signing in. */
async function signInElsewhere(email: string, password: string): Promise<string> {
  const res = await api("/auth/sign-in", { body: { email, password } });
  expect(res.status).toBe(200);
  return sessionOf(res);
}

const meStatus = async (cookie: string) => (await api("/me", { cookie })).status;

/** Puts an API session into the browser, as if it had signed in there. */
async function useSession(cookie: string): Promise<void> {
  const [name = "", value = ""] = cookie.split("=");
  await context.addCookies([{ name, value, url: platform.url, httpOnly: true, sameSite: "Lax" }]);
}

async function appState(page: Page): Promise<string | undefined> {
  await page.waitForFunction(
    () => document.body.dataset.appState && document.body.dataset.appState !== "loading",
  );
  return page.evaluate(() => document.body.dataset.appState);
}

async function signInOnPage(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

describe("accounts in Chromium on the local platform", () => {
  it("AU1: a person signs up, verifies by the local mailbox and signs in, in Chromium", async () => {
    const person = newPerson("ada");
    const page = await open("/sign-up/");
    await page.getByLabel("Your name").fill(person.name);
    await page.getByLabel("Organization name").fill(person.orgName);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password", { exact: true }).fill(person.password);
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL((url) => url.pathname === "/verify-email/");
    expect(await page.getByLabel("Email").inputValue()).toBe(person.email);
    // Nothing about the password travels in a URL, before or after.
    expect(page.url()).not.toContain(encodeURIComponent(person.password));
    await page.getByLabel("6-digit code").fill(await verificationCode(person.email));
    await page.getByRole("button", { name: "Verify and continue" }).click();

    await page.waitForURL((url) => url.pathname === "/app/");
    expect(await appState(page)).toBe("ready");
    await expect.poll(() => page.locator("#overview-org").textContent()).toBe(person.orgName);
    expect(await page.locator("#org-select option:checked").textContent()).toBe(
      `${person.orgName} (owner)`,
    );
    expect(await page.locator("#app-user").textContent()).toBe(`${person.name} · ${person.email}`);
    const session = (await context.cookies(platform.url)).find((c) => c.name === "vc_session");
    expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await page.evaluate(() => document.cookie)).not.toContain("vc_session");

    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");
    expect(await page.locator("#sign-in-page-notice").textContent()).toBe("You have signed out.");

    await signInOnPage(page, person.email, person.password);
    await page.waitForURL((url) => url.pathname === "/app/");
    expect(await appState(page)).toBe("ready");
    await expect.poll(() => page.locator("#overview-org").textContent()).toBe(person.orgName);
  });

  it("AU3: signing out in the dashboard revokes the session on the server, not just the cookie", async () => {
    const person = newPerson("sol");
    const session = await createAccount(person);
    await useSession(session);

    const page = await open("/app/");
    expect(await appState(page)).toBe("ready");
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");

    // The same cookie, replayed by someone who copied it, no longer works.
    expect(await meStatus(session)).toBe(401);
    expect((await context.cookies(platform.url)).some((c) => c.name === "vc_session")).toBe(false);
  });

  it("AU3: a password reset by the emailed link revokes every session; the old password fails, the new one works", async () => {
    const person = newPerson("rex");
    const elsewhere = await createAccount(person);
    expect(await meStatus(elsewhere)).toBe(200);

    // The answer for an address with no account reads exactly the same.
    const answers: string[] = [];
    for (const email of [`nobody-${randomBytes(4).toString("hex")}@example.test`, person.email]) {
      const page = await open("/sign-in/");
      await page.getByRole("link", { name: "Forgot password?" }).click();
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      const done = page.locator("#forgot-done");
      await done.waitFor();
      answers.push((await done.textContent())?.replace(email, "<email>") ?? "");
      await closePage(page);
    }
    expect(answers[1]).toBe(answers[0]);

    const { text } = await mailTo(person.email, "password_reset");
    const link = new URL(/https?:\/\/\S+/.exec(text)?.[0] ?? "");
    expect(link.origin).toBe(platform.url);
    expect(link.pathname).toBe("/reset-password/");

    const page = await open(link.pathname + link.search);
    expect(page.url()).toBe(`${platform.url}/reset-password/`);
    const fresh = `${person.password} again`;
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByRole("button", { name: "Save the new password" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");
    expect(await page.locator("#sign-in-page-notice").textContent()).toMatch(
      /Your password has been reset/,
    );
    expect(await meStatus(elsewhere)).toBe(401);

    await signInOnPage(page, person.email, person.password);
    await expect
      .poll(() => page.locator("#sign-in-notice").textContent())
      .toBe("The email or password is not right. Check both and try again.");
    await signInOnPage(page, person.email, fresh);
    await page.waitForURL((url) => url.pathname === "/app/");
    expect(await appState(page)).toBe("ready");

    // The link worked once; opening it again is refused with a way on.
    const again = await open(link.pathname + link.search);
    await again.getByLabel("New password", { exact: true }).fill(`${fresh} once more`);
    await again.getByRole("button", { name: "Save the new password" }).click();
    await expect
      .poll(() => again.locator("#reset-notice").textContent())
      .toMatch(/This reset link does not work any more/);
  });

  it("AU3: the settings page changes the password and signs out everywhere, revoking the other sessions", async () => {
    const person = newPerson("kai");
    await useSession(await createAccount(person));
    const other = await signInElsewhere(person.email, person.password);

    const page = await open("/app/settings/");
    expect(await appState(page)).toBe("ready");
    expect(await page.locator("#settings-account").textContent()).toContain(person.email);
    const current = page.getByLabel("Current password", { exact: true });
    const fresh = page.getByLabel("New password", { exact: true });
    const newPassword = `${person.password} renewed`;

    await current.fill(`${person.password} wrong`);
    await fresh.fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => page.locator("#password-currentPassword-error").textContent())
      .toBe("That is not your current password.");

    await current.fill(person.password);
    await fresh.fill(newPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect
      .poll(() => page.locator("#password-notice").textContent())
      .toMatch(/^Your password was changed\./);
    expect(await meStatus(other)).toBe(401);

    // This browser stayed signed in; now it ends every session, its own included.
    const mine = (await context.cookies(platform.url)).find((c) => c.name === "vc_session");
    const third = await signInElsewhere(person.email, newPassword);
    await page.reload();
    expect(await appState(page)).toBe("ready");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in/");
    expect(await meStatus(third)).toBe(401);
    expect(await meStatus(`vc_session=${mine?.value}`)).toBe(401);
  });

  it("AU4: a rate-limited sign-in shows its message and the wait", async () => {
    const { email } = platform.demo.users.admin;
    const page = await open("/sign-in/");
    let limited: { retryAfter: number } | null = null;

    // The per-account limit is 10 tries in 15 minutes; the 11th is refused.
    for (let attempt = 1; attempt <= 15 && !limited; attempt++) {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/api/auth/sign-in")),
        signInOnPage(page, email, `not the password, try ${attempt}`),
      ]);
      if (response.status() === 429) {
        limited = { retryAfter: Number(response.headers()["retry-after"]) };
        expect(attempt).toBe(11);
      } else {
        expect(response.status()).toBe(401);
      }
    }

    expect(limited?.retryAfter).toBeGreaterThan(0);
    const minutes = Math.ceil((limited?.retryAfter ?? 0) / 60);
    await expect
      .poll(() => page.locator("#sign-in-notice").textContent())
      .toBe(`Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it("AU1: signing in with Google in Chromium lands on the dashboard, signed in", async () => {
    const page = await open("/sign-in/");
    await page.getByRole("link", { name: "Sign in with Google" }).click();
    await page.waitForURL((url) => url.origin === platform.url && url.pathname === "/app/", {
      timeout: 15_000,
    });
    expect(await appState(page)).toBe("ready");
    expect(await page.locator("#app-user").textContent()).toBe(
      `${GOOGLE_ACCOUNT.name} · ${GOOGLE_ACCOUNT.email}`,
    );
    await expect
      .poll(() => page.locator("#overview-org").textContent())
      .toBe(`${GOOGLE_ACCOUNT.name}'s organization`);
    expect(
      (await context.cookies(platform.url)).find((c) => c.name === "vc_session"),
    ).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  });
});
