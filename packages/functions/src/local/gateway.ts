import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { log } from "@voicecraft/core/log";
import { dashboardHeaders } from "@voicecraft/core/security";
import send from "send";
import { routes } from "../routes.ts";
import { invokeRoute } from "./invoke.ts";
import { compileRoutes, matchRoute } from "./router.ts";

/** API Gateway's own payload limit; a bigger request never reaches a Lambda. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface GatewayOptions {
  port: number;
  host?: string;
  /** The built dashboard (packages/web/dist); omitted, only `/api` is served. */
  webRoot?: string;
  /**
   * Extra local-only paths (outside `/api`), such as the development sign-in link.
   * Never part of a deployed stage.
   */
  localRoutes?: Record<string, (req: IncomingMessage, res: ServerResponse, url: URL) => void>;
}

const compiled = compileRoutes(routes);

/**
 * The local stand-in for API Gateway and CloudFront on one origin: `/api/*` goes to the
 * route's real Lambda handler as a payload 2.0 event, everything else to the static
 * dashboard with the same security headers it gets when deployed.
 */
export async function startGateway(options: GatewayOptions): Promise<Server> {
  const pageHeaders = dashboardHeaders();
  const server = createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    res.on("finish", () => {
      log.info({
        event: "http.access",
        method: req.method,
        path: url.pathname,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });

    if (url.pathname === "/api" || url.pathname.startsWith("/api/")) {
      serveApi(req, res, url).catch((error: unknown) => {
        log.error({ event: "gateway.failed", err: error });
        if (!res.headersSent) json(res, 502, "GATEWAY_ERROR", "The handler failed to answer.");
        else res.destroy();
      });
      return;
    }

    const local = options.localRoutes?.[url.pathname];
    if (local) return local(req, res, url);

    if (!options.webRoot) return json(res, 404, "NOT_FOUND", "Nothing here.");
    for (const [name, value] of Object.entries(pageHeaders)) res.setHeader(name, value);
    send(req, url.pathname, { root: options.webRoot, index: ["index.html"], dotfiles: "deny" })
      .on("error", (error: { status?: number }) => {
        res.statusCode = error.status ?? 500;
        res.setHeader("content-type", "text/plain; charset=utf-8");
        res.end(res.statusCode === 404 ? "Not found" : "Error");
      })
      .pipe(res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolve());
  });
  return server;
}

async function serveApi(req: IncomingMessage, res: ServerResponse, url: URL) {
  const path = url.pathname.slice("/api".length) || "/";
  const method = req.method ?? "GET";

  // Same origin locally; API Gateway answers preflights itself when deployed.
  if (method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }

  const match = matchRoute(compiled, method, path);
  if (match.kind === "not_found") return json(res, 404, "ROUTE_NOT_FOUND", "No such route.");
  if (match.kind === "method_not_allowed") {
    return json(res, 405, "METHOD_NOT_ALLOWED", "That method is not allowed here.");
  }

  const body = await readBody(req);
  if (body === null) return json(res, 413, "PAYLOAD_TOO_LARGE", "The request body is too large.");

  const result = await invokeRoute(match.route, {
    method,
    path,
    rawQuery: url.search.slice(1),
    headers: req.headers,
    body,
    sourceIp: req.socket.remoteAddress ?? "127.0.0.1",
    pathParameters: match.params,
  });

  res.statusCode = result.statusCode ?? 200;
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    res.setHeader(name, String(value));
  }
  if (result.cookies?.length) res.setHeader("set-cookie", result.cookies);
  const payload = result.body ?? "";
  res.end(result.isBase64Encoded ? Buffer.from(payload, "base64") : payload);
}

/** The whole body, or null once it passes the limit. */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, code: string, message: string) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify({ error: { code, message } }));
}

/** The port a started gateway listens on. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}
