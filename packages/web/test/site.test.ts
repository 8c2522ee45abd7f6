import { claims } from "@voicecraft/core/claims";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openBrowser, openPage } from "./browser.ts";
import { createFakeApi, HOSTILE_NAME, ORG_ID, OTHER_ORG_ID } from "./fake-api.ts";
import { type StaticServer, startStaticServer } from "./static-server.ts";

const distDir = inject("distDir");
const APP_PAGES = [
  "/app/",
  "/app/agents/",
  "/app/calls/",
  "/app/call/",
  "/app/forms/",
  "/app/orders/",
  "/app/settings/",
];

let server: StaticServer;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let context: BrowserContext;
const fake = createFakeApi();
/** Uncaught exceptions and CSP violations, from every page any test opened. */
const pageProblems: string[] = [];

beforeAll(async () => {
  server = await startStaticServer(distDir, fake.handler);
  browser = await openBrowser();
  context = browser.context;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await openPage(context, server.origin, path, pageProblems);
  return page;
}

/** Waits for the dashboard's start-up to settle on one of its states. */
async function appState(page: Page): Promise<string | undefined> {
  await page.waitForFunction(
    () => document.body.dataset.appState && document.body.dataset.appState !== "loading",
  );
  return page.evaluate(() => document.body.dataset.appState);
}

describe("public pages", () => {
  it("DI2: the security page states every claim of the registry, with its status and the tests that prove it", async () => {
    const page = await open("/security/");

    const shown = await page.locator("[data-claim-id]").evaluateAll((items) =>
      items.map((item) => ({
        id: item.getAttribute("data-claim-id"),
        status: item.querySelector("[data-testid=status]")?.textContent?.trim(),
        text: item.textContent ?? "",
      })),
    );
    expect(shown.map((c) => c.id)).toEqual(claims.map((c) => c.id));

    for (const claim of claims) {
      const item = shown.find((c) => c.id === claim.id);
      expect(item?.status, claim.id).toBe(claim.status === "proven" ? "Proven" : "Not yet");
      expect(item?.text).toContain(claim.text.replaceAll("`", ""));
      for (const test of claim.tests) {
        expect(item?.text).toContain(test.file);
        expect(item?.text).toContain(test.name);
      }
    }
    const proven = claims.filter((c) => c.status === "proven").length;
    expect(await page.getByTestId("claims-proven").textContent()).toBe(String(proven));
    await page.close();
  });

  it("the landing page says what VoiceCraft is and links to the security page", async () => {
    const page = await open("/");
    expect(await page.locator("h1").textContent()).toMatch(/AI phone agents/);
    await page.getByRole("link", { name: "Read the security page" }).click();
    await page.waitForURL(`${server.origin}/security/`);
    expect(await page.locator("h1").textContent()).toBe("Security at VoiceCraft");
    await page.close();
  });
});

describe("dashboard", () => {
  it("shows the not-signed-in state on every page when /api/me answers 401", async () => {
    fake.state.signedIn = false;
    try {
      for (const path of APP_PAGES) {
        const page = await open(`${path}?org=${ORG_ID}&id=x`);
        expect(await appState(page), path).toBe("signed-out");
        await expect
          .poll(() => page.getByRole("heading", { name: "You are not signed in" }).isVisible())
          .toBe(true);
        expect(await page.locator("#app-content").isHidden()).toBe(true);
        expect(await page.locator("#app-bar").isHidden()).toBe(true);
        // No stand-in sign-in form: sign-in is its own page, which the state links to.
        expect(await page.locator("input:visible, textarea:visible").count()).toBe(0);
        expect(await page.locator("#app-signed-out input").count()).toBe(0);
        expect(
          await page.getByRole("link", { name: "Sign in", exact: true }).getAttribute("href"),
        ).toMatch(/^\/sign-in\/\?next=%2Fapp%2F/);
        expect(await page.evaluate(() => document.title)).toBe("Not signed in · VoiceCraft");
        await page.close();
      }
    } finally {
      fake.state.signedIn = true;
    }
  });

  it("picks an org, puts it in the URL, remembers it and sends the session cookie", async () => {
    await context.addCookies([{ name: "vc_session", value: "test-session", url: server.origin }]);
    fake.state.requests.length = 0;

    const page = await open("/app/");
    expect(await appState(page)).toBe("ready");
    expect(new URL(page.url()).searchParams.get("org")).toBe(ORG_ID);
    expect(await page.evaluate(() => localStorage.getItem("voicecraft.org"))).toBe(ORG_ID);
    expect(await page.locator("#org-select").inputValue()).toBe(ORG_ID);
    await expect
      .poll(() => page.locator("#overview-agents-count").textContent())
      .toBe("25+ agents");
    expect(await page.locator("#overview-calls-list li").count()).toBe(1);
    expect(await page.locator("#overview-orders-list").textContent()).toContain("$28.00");
    expect(await page.getByRole("link", { name: "Calls", exact: true }).getAttribute("href")).toBe(
      `/app/calls/?org=${ORG_ID}`,
    );

    expect(fake.state.requests.length).toBeGreaterThan(0);
    for (const request of fake.state.requests)
      expect(request.cookie).toContain("vc_session=test-session");

    // Switching org navigates to the same section of the other org, and is remembered.
    await page.locator("#org-select").selectOption(OTHER_ORG_ID);
    await page.waitForURL((url) => url.searchParams.get("org") === OTHER_ORG_ID);
    expect(await page.evaluate(() => localStorage.getItem("voicecraft.org"))).toBe(OTHER_ORG_ID);
    await page.close();

    // With no org in the URL, the remembered one wins.
    const again = await open("/app/agents/");
    expect(await appState(again)).toBe("ready");
    expect(new URL(again.url()).searchParams.get("org")).toBe(OTHER_ORG_ID);
    await again.evaluate(() => localStorage.clear());
    await again.close();
  });

  it("refuses an org the user is not a member of", async () => {
    const page = await open("/app/calls/?org=0190a000-0000-7000-8000-0000000000ff");
    expect(await appState(page)).toBe("denied");
    expect(
      await page
        .getByRole("heading", { name: "You do not have access to this organization" })
        .isVisible(),
    ).toBe(true);
    expect(fake.state.requests.some((r) => r.path.includes("0000000000ff"))).toBe(false);
    await page.close();
  });

  it("lists agents as text, never markup, and loads more with the cursor", async () => {
    const page = await open(`/app/agents/?org=${ORG_ID}`);
    expect(await appState(page)).toBe("ready");
    const rows = page.locator("#agents-body tr[data-agent-id]");
    await expect.poll(() => rows.count()).toBe(25);

    expect(await rows.first().locator("td").first().textContent()).toBe(HOSTILE_NAME);
    expect(await page.locator("#agents-body img").count()).toBe(0);

    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count()).toBe(30);
    expect(await page.getByRole("button", { name: "Load more" }).isHidden()).toBe(true);
    expect(fake.state.requests.some((r) => r.path.endsWith("/agents?limit=25&cursor=25"))).toBe(
      true,
    );
    await page.close();
  });

  it("creates an agent, showing field errors from the browser, a 400 and a 409 first", async () => {
    const page = await open(`/app/agents/?org=${ORG_ID}`);
    expect(await appState(page)).toBe("ready");
    await page.getByRole("button", { name: "New agent" }).click();
    const dialog = page.locator("#agent-dialog");
    const name = dialog.getByLabel("Name");
    const phone = dialog.getByLabel("Phone number");
    const submit = dialog.getByRole("button", { name: "Create agent" });

    await name.fill("Night line");
    await phone.fill("555-0100");
    await submit.click();
    expect(await page.locator("#agent-phoneNumber-error").textContent()).toMatch(
      /international format/,
    );
    expect(await phone.getAttribute("aria-invalid")).toBe("true");

    await phone.fill("+14155551000");
    await submit.click();
    await expect
      .poll(() => page.locator("#agent-phoneNumber-error").textContent())
      .toBe("Another agent already has this number.");

    await name.fill("Reserved");
    await phone.fill("+14155559999");
    await submit.click();
    await expect
      .poll(() => page.locator("#agent-name-error").textContent())
      .toBe("This name is reserved.");
    expect(await page.locator("#agent-phoneNumber-error").isHidden()).toBe(true);
    expect(await page.locator("#agent-form-error").textContent()).toContain(
      "Something about the whole body.",
    );

    await name.fill("Night line");
    await dialog.getByLabel("Greeting (optional)").fill("Thanks for calling after hours.");
    await submit.click();
    await expect.poll(() => dialog.isHidden()).toBe(true);
    expect(await page.locator("#agents-body tr").first().textContent()).toContain("Night line");
    expect(await page.locator("#agents-notice").textContent()).toBe("Night line was created.");

    const created = fake.state.requests.filter((r) => r.method === "POST").at(-1);
    // Only what was filled in is sent; the API fills its own defaults.
    expect(created?.body).toEqual({
      name: "Night line",
      phoneNumber: "+14155559999",
      greeting: "Thanks for calling after hours.",
    });
    await page.close();
  });

  it("edits an agent with only the changed fields, and deletes it after confirmation", async () => {
    const page = await open(`/app/agents/?org=${ORG_ID}`);
    expect(await appState(page)).toBe("ready");
    const target = fake.state.agents[0];
    const row = page.locator(`tr[data-agent-id="${target?.id}"]`);
    await row.getByRole("button", { name: `Edit ${target?.name}` }).click();
    await page.locator("#agent-dialog").getByLabel("Voice (optional)").fill("verse");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => row.locator("td").nth(3).textContent()).toBe("verse");
    expect(fake.state.requests.filter((r) => r.method === "PATCH").at(-1)?.body).toEqual({
      voice: "verse",
    });

    await row.getByRole("button", { name: `Delete ${target?.name}` }).click();
    await page.locator("#delete-confirm").click();
    await expect.poll(() => row.count()).toBe(0);
    expect(fake.state.agents.some((a) => a.id === target?.id)).toBe(false);
    await page.close();
  });

  it("shows members the agents without create, edit or delete", async () => {
    fake.state.role = "member";
    try {
      const page = await open(`/app/agents/?org=${ORG_ID}`);
      expect(await appState(page)).toBe("ready");
      await expect.poll(() => page.locator("#agents-body tr[data-agent-id]").count()).toBe(25);
      expect(await page.getByRole("button", { name: "New agent" }).isHidden()).toBe(true);
      expect(await page.getByRole("button", { name: /^(Edit|Delete) / }).count()).toBe(0);
      expect(await page.locator("#agents-readonly").isVisible()).toBe(true);
      await page.close();
    } finally {
      fake.state.role = "owner";
    }
  });

  it("filters calls by agent and keeps the filter in the URL", async () => {
    const page = await open(`/app/calls/?org=${ORG_ID}`);
    expect(await appState(page)).toBe("ready");
    await expect.poll(() => page.locator("#calls-body tr").count()).toBe(1);

    const other = fake.state.agents.find((a) => a.id !== fake.call.agentId);
    await page.locator("#calls-agent").selectOption(other?.id ?? "");
    await expect
      .poll(() => page.locator("#calls-body").textContent())
      .toBe("No calls for this agent yet.");
    expect(new URL(page.url()).searchParams.get("agentId")).toBe(other?.id);
    await page.close();
  });

  it("shows a call's transcript as a conversation, and redacted tool arguments", async () => {
    const page = await open(`/app/call/?org=${ORG_ID}&id=${fake.call.id}`);
    expect(await appState(page)).toBe("ready");
    await page.locator("#call-view").waitFor();

    const turns = await page
      .locator("#call-transcript li")
      .evaluateAll((items) =>
        items.map((li) => [
          li.getAttribute("data-speaker"),
          li.querySelector(".bubble")?.textContent,
        ]),
      );
    expect(turns).toEqual([
      ["agent", "Hello, Acme Dental, how can I help?"],
      ["caller", "<b>I need</b> a cleaning."],
      ["agent", "Tuesday at 10 works. Booked!"],
      ["system", "Call ended by caller."],
    ]);
    expect(await page.locator("#call-transcript b").count()).toBe(0);

    const tool = page.locator("#call-tools li");
    expect(await tool.locator("strong").textContent()).toBe("book_appointment");
    expect(JSON.parse((await tool.locator("pre").textContent()) ?? "")).toEqual({
      patientName: "[REDACTED]",
      slot: "2025-03-18T10:00",
    });
    expect(await page.locator("#call-details").textContent()).toContain("4:07");
    await page.close();
  });

  it("says so when a call does not exist", async () => {
    const page = await open(`/app/call/?org=${ORG_ID}&id=0190a000-0000-7000-8000-00000000dead`);
    expect(await appState(page)).toBe("ready");
    await expect.poll(() => page.locator("#call-notice").textContent()).toContain("No such call.");
    expect(await page.locator("#call-notice").textContent()).toContain("req-call_not_found");
    await page.close();
  });

  it("lists form submissions and shows one, as text", async () => {
    const page = await open(`/app/forms/?org=${ORG_ID}`);
    expect(await appState(page)).toBe("ready");
    await expect.poll(() => page.locator("#forms-body tr").count()).toBe(1);
    await page.locator("#forms-body a").first().click();
    await page.locator("#forms-detail-view").waitFor();
    expect(await page.locator("#form-title").textContent()).toBe("New patient intake");
    expect(await page.locator("#form-data").textContent()).toContain("<script>alert(1)</script>");
    expect(await page.locator("#form-data script").count()).toBe(0);
    await page.close();
  });

  it("lists orders and shows one with its items and total", async () => {
    const page = await open(`/app/orders/?org=${ORG_ID}`);
    expect(await appState(page)).toBe("ready");
    await expect.poll(() => page.locator("#orders-body tr").count()).toBe(1);
    await page.locator("#orders-body a").first().click();
    await page.locator("#orders-detail-view").waitFor();
    expect(await page.locator("#order-items tr").count()).toBe(2);
    expect(await page.locator("#order-total").textContent()).toBe("$28.00");
    await page.close();
  });
});

describe("every page", () => {
  it("loads nothing from another origin and raises no error or CSP violation", async () => {
    const seen: string[] = [];
    const record = (request: { url(): string }) => seen.push(request.url());
    context.on("request", record);
    try {
      for (const path of ["/", "/security/", ...APP_PAGES.map((p) => `${p}?org=${ORG_ID}`)]) {
        const page = await open(path);
        await page.waitForLoadState("networkidle");
        await page.close();
      }
    } finally {
      context.off("request", record);
    }

    expect(seen.length).toBeGreaterThan(10);
    for (const url of seen) expect(new URL(url).origin, url).toBe(server.origin);
    expect(pageProblems).toEqual([]);
  });
});
