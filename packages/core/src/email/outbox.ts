import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { object, optional, string } from "zod";
import { type Logger, log } from "../log/index.ts";
import type { EmailMessage, Mailer } from "./index.ts";

/** A message the outbox accepted: the message, an id, and when it was sent (ISO 8601). */
export interface SentEmail extends EmailMessage {
  id: string;
  sentAt: string;
}

/** A mailer that keeps what it sends; see `createOutboxMailer`. */
export interface OutboxMailer extends Mailer {
  /** Every message sent, oldest first; a copy, so callers cannot rewrite history. */
  messages(): SentEmail[];
  /**
   * The newest message to `to` (compared without case), optionally of one `tag`; undefined
   * when there is none.
   */
  latest(to: string, tag?: string): SentEmail | undefined;
}

const storedLine = object({
  id: string(),
  sentAt: string(),
  to: string(),
  subject: string(),
  text: string(),
  html: optional(string()),
  tag: string(),
});

/**
 * The email adapter of the local stage and of tests: nothing leaves the machine. Every
 * message is kept in memory; with `file`, each is also appended to it as one JSON line,
 * and the lines already there are loaded at creation, so the local mailbox survives a
 * restart. The file holds codes and reset links, so it is created readable by its owner
 * only (0600).
 */
export function createOutboxMailer(
  options: { file?: string; now?: () => Date; logger?: Logger } = {},
): OutboxMailer {
  const { file } = options;
  const now = options.now ?? (() => new Date());
  const kept: SentEmail[] = file ? load(file, options.logger ?? log) : [];
  if (file) mkdirSync(dirname(file), { recursive: true });

  return {
    async send(message) {
      const sent: SentEmail = {
        id: randomUUID(),
        sentAt: now().toISOString(),
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
        tag: message.tag,
      };
      // Synchronous, so concurrent sends land in the file in the order they were made.
      if (file) appendFileSync(file, `${JSON.stringify(sent)}\n`, { mode: 0o600 });
      kept.push(sent);
    },

    messages: () => kept.map((message) => ({ ...message })),

    latest(to, tag) {
      const address = to.toLowerCase();
      for (let i = kept.length - 1; i >= 0; i--) {
        const message = kept[i];
        if (!message || message.to.toLowerCase() !== address) continue;
        if (tag === undefined || message.tag === tag) return { ...message };
      }
      return undefined;
    },
  };
}

/** The messages in an outbox file. A line cut short by a crash is skipped, not fatal. */
function load(file: string, logger: Logger): SentEmail[] {
  if (!existsSync(file)) return [];
  const messages: SentEmail[] = [];
  let skipped = 0;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const parsed = storedLine.safeParse(parseJson(line));
    if (parsed.success) messages.push(parsed.data);
    else skipped++;
  }
  if (skipped > 0) logger.warn({ event: "email.outbox_lines_skipped", skipped });
  return messages;
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
