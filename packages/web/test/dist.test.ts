import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, inject, it } from "vitest";

const distDir = inject("distDir");

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(ext))
    .map((file) => join(dir, file));
}

const pages = files(distDir, ".html").map((path) => ({
  name: `/${relative(distDir, path)}`,
  html: readFileSync(path, "utf8"),
}));

// The production policy is `default-src 'self'; script-src 'self'`: anything inline or
// from elsewhere would be blocked in production, so it must not be in the build at all.
describe("the built site", () => {
  it("has every page", () => {
    expect(pages.map((p) => p.name).sort()).toEqual([
      "/app/agents/index.html",
      "/app/call/index.html",
      "/app/calls/index.html",
      "/app/forms/index.html",
      "/app/index.html",
      "/app/orders/index.html",
      "/app/settings/index.html",
      "/forgot-password/index.html",
      "/index.html",
      "/reset-password/index.html",
      "/security/index.html",
      "/sign-in/index.html",
      "/sign-up/index.html",
      "/verify-email/index.html",
    ]);
  });

  it.each(pages)("$name has no inline script, and its scripts are bundled files", ({ html }) => {
    for (const [, attrs = "", body = ""] of html.matchAll(
      /<script\b([^>]*)>([\s\S]*?)<\/script>/gi,
    )) {
      expect(body.trim()).toBe("");
      const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
      expect(src).toMatch(/^\/_astro\/[\w.-]+\.js$/);
      expect(existsSync(join(distDir, src ?? ""))).toBe(true);
    }
  });

  it.each(pages)("$name has no inline style, handler attribute or script URL", ({ html }) => {
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle\s*=/i);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/javascript:/i);
  });

  it.each(pages)("$name refers to nothing on another origin", ({ html }) => {
    const urls = [
      ...html.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*"([^"]*)"/gi),
    ].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^(\/(?!\/)|#|\?)/);
  });

  it("has stylesheets that load nothing from elsewhere", () => {
    const sheets = files(distDir, ".css");
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) {
      const css = readFileSync(sheet, "utf8");
      expect(css).not.toMatch(/@import/);
      expect(css).not.toMatch(/url\(\s*["']?(https?:|\/\/|data:)/i);
    }
  });
});
