import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";

/** The policy CloudFront sends in production; the tests serve every page under it. */
export const PRODUCTION_CSP = "default-src 'self'; script-src 'self'";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".woff2": "font/woff2",
};

/** Answers a request under `/api/`, or returns false to let it 404. */
export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean>;

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves a built site like the production CDN does: files from `root`, folders through
 * their `index.html`, the production CSP on every answer. `/api/*` goes to `api`, so the
 * pages call the API on their own origin, as they do behind the local gateway.
 */
export async function startStaticServer(root: string, api?: ApiHandler): Promise<StaticServer> {
  const server = createServer((req, res) => {
    handle(root, api, req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(
  root: string,
  api: ApiHandler | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  res.setHeader("content-security-policy", PRODUCTION_CSP);
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("cache-control", "no-store");

  if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
    if (api && (await api(req, res, url))) return;
    return json(res, 404, {
      error: { code: "NOT_FOUND", message: "No such route.", requestId: "test" },
    });
  }

  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }

  const relative = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
  const path = join(root, relative);
  // normalize() has already folded `..`; this catches anything that still escapes.
  if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end();
    return;
  }

  const info = await stat(path).catch(() => null);
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith("/")) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    return file(res, join(path, "index.html"), req.method === "HEAD");
  }
  if (info?.isFile()) return file(res, path, req.method === "HEAD");

  res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
}

async function file(res: ServerResponse, path: string, headOnly: boolean): Promise<void> {
  const body = await readFile(path).catch(() => null);
  if (!body) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    "content-type": types[extname(path)] ?? "application/octet-stream",
    "content-length": body.length,
  });
  res.end(headOnly ? undefined : body);
}

/** Writes a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  if (status === 204) {
    res.writeHead(204).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
