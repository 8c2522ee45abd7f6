import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, type OutboxMailer, type SentEmail } from "@voicecraft/core/email";

// The local stage's inbox: every email `npm start` would have sent, readable in a browser
// (/__local/mailbox) or by scripts and end-to-end tests (/__local/mailbox.json). The
// gateway serves these paths only in this process; no deployment has them.

type LocalRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

const STYLE = [
  "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}",
  ".note{background:#fff6d6;border:1px solid #e6d38a;padding:.5rem .75rem}",
  "article{border-top:1px solid #ddd;padding:1rem 0}",
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0 0 .5rem}",
  "dt{color:#555}dd{margin:0}",
  "pre{white-space:pre-wrap;background:#f5f5f5;padding:.75rem;margin:0}",
].join("");

// The page runs no script and loads nothing; its one inline style is allowed by hash.
const CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "content-security-policy": CSP,
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  // Messages carry codes and reset links: keep them out of caches and referrers.
  "cache-control": "no-store",
  "referrer-policy": "no-referrer",
};

/** The mailbox paths for the local gateway's `localRoutes`, reading `outbox`. */
export function mailboxRoutes(outbox: OutboxMailer): Record<string, LocalRoute> {
  return {
    "/__local/mailbox": (req, res) => {
      if (!readOnly(req, res)) return;
      res.writeHead(200, PAGE_HEADERS).end(page(newestFirst(outbox)));
    },

    /** `{ messages: SentEmail[] }`, newest first; `?to=` keeps one recipient's (any case). */
    "/__local/mailbox.json": (req, res, url) => {
      if (!readOnly(req, res)) return;
      const to = url.searchParams.get("to")?.toLowerCase();
      const messages = newestFirst(outbox).filter(
        (message) => to === undefined || message.to.toLowerCase() === to,
      );
      res.writeHead(200, {
        "content-type": "application/json; charset=utf-8",
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
      });
      res.end(JSON.stringify({ messages }));
    },
  };
}

function readOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method === "GET" || req.method === "HEAD") return true;
  res.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
  res.end("Method not allowed.");
  return false;
}

function newestFirst(outbox: OutboxMailer): SentEmail[] {
  return outbox.messages().reverse();
}

function page(messages: SentEmail[]): string {
  const items = messages.map(
    (message) => `<article>
<dl>
<dt>Sent</dt><dd><time datetime="${escapeHtml(message.sentAt)}">${escapeHtml(message.sentAt)}</time></dd>
<dt>To</dt><dd>${escapeHtml(message.to)}</dd>
<dt>Subject</dt><dd>${escapeHtml(message.subject)}</dd>
<dt>Kind</dt><dd>${escapeHtml(message.tag)}</dd>
</dl>
<pre>${escapeHtml(message.text)}</pre>
</article>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local mailbox · VoiceCraft</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Local mailbox</h1>
<p class="note">This page exists only on the local stage (<code>npm start</code>): email is kept
here instead of being sent. Deployed stages send through Amazon SES. Newest first; reload to
see new messages. As JSON: <code>/__local/mailbox.json?to=address</code>.</p>
${items.length > 0 ? items.join("\n") : "<p>No email sent yet.</p>"}
</body>
</html>
`;
}
