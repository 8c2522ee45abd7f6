import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEMO_PASSWORD } from "../../functions/src/local/seed.ts";
import { type LocalPlatform, startLocalPlatform } from "../../functions/src/local/start.ts";
import { openBrowser } from "./browser.ts";

// End to end through what `npm start` runs: the real gateway, the real Lambda handlers,
// PGlite, the local S3 server and the built dashboard, driven in Debian's Chromium.

let platform: LocalPlatform;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "voicecraft-platform-"));
  [platform, browser] = await Promise.all([
    startLocalPlatform({
      dataDir,
      port: 0,
      s3Port: 0,
      // The embedded defaults, as on a fresh clone, whatever DATABASE_URL the shell has.
      env: {},
      buildWeb: false,
      webRoot: inject("distDir"),
    }),
    openBrowser(),
  ]);
  context = browser.context;
});

afterAll(async () => {
  await Promise.all([browser?.close(), platform?.close()]);
  await rm(dataDir, { recursive: true, force: true });
});

describe("the local platform", () => {
  it("answers /api/health with the database and both buckets up", async () => {
    const res = await fetch(`${platform.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: "ok",
      database: { ok: true },
      storage: { ok: true },
    });
  });

  it("shows the dashboard signed out, then the demo clinic's agents, calls and transcript", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));

    await page.goto(`${platform.url}/app/`);
    await expect
      .poll(() => page.getByRole("heading", { name: "You are not signed in" }).isVisible())
      .toBe(true);

    // Signed in through the API from inside the browser, so the cookie lands in its jar;
    // the sign-in form itself has its own end-to-end test.
    const signIn = await page.request.post(`${platform.url}/api/auth/sign-in`, {
      data: { email: platform.demo.users.admin.email, password: DEMO_PASSWORD },
      headers: { origin: platform.url },
    });
    expect(signIn.status()).toBe(200);
    const cookies = await context.cookies(platform.url);
    expect(cookies.find((c) => c.name === "vc_session")).toMatchObject({
      httpOnly: true,
      sameSite: "Lax",
    });

    await page.goto(`${platform.url}/app/agents/?org=${platform.demo.orgId}`);
    const rows = page.locator("#agents-body tr[data-agent-id]");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Front desk");

    await page.goto(`${platform.url}/app/calls/?org=${platform.demo.orgId}`);
    const booking = page.locator("tr", { hasText: "New patient booked a cleaning" });
    await expect.poll(() => booking.isVisible()).toBe(true);
    await booking.getByRole("link").first().click();
    await expect.poll(() => page.locator("#call-transcript li").count()).toBe(5);
    expect(await page.locator("#call-transcript").textContent()).toContain(
      "I'd like to book a cleaning",
    );
    const tools = await page.locator("#call-tools").textContent();
    expect(tools).toContain("book_appointment");
    expect(tools).toContain("[PHONE]");
    expect(errors).toEqual([]);
    await page.close();
  });
});
