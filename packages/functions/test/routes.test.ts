import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defineRoute, routeKey } from "../src/http/route.ts";
import { secretsFor } from "../src/http/secrets.ts";
import { loadHandler } from "../src/local/invoke.ts";
import { routes } from "../src/routes.ts";

const src = fileURLToPath(new URL("../src", import.meta.url));

/** Every source file under src/, skipping the framework and the local platform. */
function handlerModules(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) found.push(path);
    }
  };
  walk(src);
  return found
    .filter((file) => /export const handler\b/.test(readFileSync(file, "utf8")))
    .map((file) => relative(src, file).replace(/\.ts$/, ""));
}

describe("the route table", () => {
  it("TN1: every route names a guard of a known kind", () => {
    const kinds = new Set(["public", "session", "org", "webhook", "internal"]);
    for (const route of routes) expect(kinds.has(route.guard.kind), routeKey(route)).toBe(true);

    // @ts-expect-error a route without a guard does not type-check (checked by tsc in CI)
    const unguarded = defineRoute({ method: "GET", path: "/x", handler: "x" });
    expect(unguarded.guard).toBeUndefined();
  });

  it("TN1: every org route takes its org from the path", () => {
    for (const route of routes) {
      if (route.guard.kind !== "org") continue;
      expect(route.path, routeKey(route)).toMatch(/^\/orgs\/\{orgId\}(\/|$)/);
    }
  });

  it("has one entry per method and path, and one handler module per entry", () => {
    const keys = routes.map(routeKey);
    expect(new Set(keys).size).toBe(keys.length);
    const handlers = routes.map((route) => route.handler);
    expect(new Set(handlers).size).toBe(handlers.length);
  });

  it("serves every entry from the module it names, built for that same entry", async () => {
    for (const route of routes) {
      const handler = await loadHandler(route);
      expect(handler.route, routeKey(route)).toBe(route);
    }
  });

  it("has no handler module outside the table", () => {
    const declared = new Set<string>(routes.map((route) => route.handler));
    const strays = handlerModules().filter((module) => !declared.has(module));
    expect(strays).toEqual([]);
  });

  it("imports zod's functions by name in every module a route can bundle", () => {
    const roots = [src, fileURLToPath(new URL("../../core/src", import.meta.url))];
    const offenders: string[] = [];
    for (const root of roots) {
      for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
        const file = join(entry.parentPath, entry.name);
        const text = readFileSync(file, "utf8");
        // A namespace or default import keeps all of zod in the bundle; `{ z }` is refused by
        // Biome's noRestrictedImports.
        if (/import\s+(\*\s+as\s+\w+|\w+)\s+from\s+"zod(\/[\w-]+)?"/.test(text)) {
          offenders.push(relative(src, file));
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("binds each route to the database and only the secrets its guard and uses need", () => {
    for (const route of routes) {
      const secrets = secretsFor(route);
      expect(secrets, routeKey(route)).toContain("DATABASE_URL");
      const wantsSession =
        route.guard.kind === "org" ||
        route.guard.kind === "session" ||
        (route.uses?.includes("sessions") ?? false);
      expect(secrets.includes("SESSION_SIGNING_KEYS"), routeKey(route)).toBe(wantsSession);
      const wantsStorage = route.uses?.includes("storage") ?? false;
      expect(secrets.includes("R2_SECRET_ACCESS_KEY"), routeKey(route)).toBe(wantsStorage);
      expect(secrets.includes("MASTER_ENCRYPTION_KEY"), routeKey(route)).toBe(
        route.uses?.includes("encryption") ?? false,
      );
    }
  });
});
