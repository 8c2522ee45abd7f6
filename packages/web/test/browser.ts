import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

/** Debian's Chromium; test tools cannot download their own browser on this network. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A fresh Chromium profile, thrown away on close. */
export async function openBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = await mkdtemp(join(tmpdir(), "voicecraft-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Closes a page that may still be navigating. Chromium can acknowledge a close that races
 * a navigation commit without ever closing the page, and page.close() then waits forever
 * (crbug.com/536385539, microsoft/playwright#42068). The auth pages navigate on their own
 * after a POST, so the page goes to about:blank first: once that has committed, nothing
 * is left to navigate.
 */
export async function closePage(page: Page): Promise<void> {
  if (page.isClosed()) return;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await page.goto("about:blank", { timeout: 5_000 });
      break;
    } catch {
      // The page's own navigation won the race; the next goto supersedes it.
    }
  }
  await page.close();
}

/**
 * Opens `origin + path` in a new page, recording into `problems` every uncaught page
 * error and every Content-Security-Policy violation the console reports.
 */
export async function openPage(
  context: BrowserContext,
  origin: string,
  path: string,
  problems: string[],
): Promise<Page> {
  const page = await context.newPage();
  page.on("pageerror", (error) => problems.push(`${path}: ${error.message}`));
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) {
      problems.push(`${path}: ${message.text()}`);
    }
  });
  await page.goto(origin + path);
  return page;
}
