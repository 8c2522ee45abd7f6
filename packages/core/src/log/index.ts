import { format } from "node:util";
import { type DestinationStream, type LogFn, type Logger, pino } from "pino";
import { redactText, redactToolArguments } from "../redaction/index.ts";

export type { Logger } from "pino";

/**
 * Field names whose values are never written, wherever they appear in an event. Pino
 * censors them before serialization, so a careless `log.info({ headers })` cannot leak a
 * session cookie or a webhook secret.
 */
const CENSORED = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "accessToken",
  "refreshToken",
  "secret",
  "authorization",
  "cookie",
  "set-cookie",
  "arguments",
  "rawArguments",
];

const censorPaths = CENSORED.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** Error fields that carry the values of a failed statement: never logged. */
const VALUE_FIELDS = ["params", "parameters", "detail", "where", "value"];

/** Keys censored whole at any depth by the PII hook: a tool call's raw arguments (TC2). */
const RAW_ARGUMENTS = new Set(["arguments", "rawArguments", "raw_arguments"]);

/**
 * Fields whose values are ours, not a caller's: ids, names of events and routes, counts.
 * Everything else in a log object is redacted as tool arguments are (TC2), so a careless
 * `log.info({ note })` cannot write a caller's phone number. The message string is ours
 * too: pass values as fields, never interpolated into it.
 */
const SAFE_LOG_KEYS = new Set([
  "level",
  "time",
  "service",
  "msg",
  "event",
  "requestId",
  "route",
  "method",
  "status",
  "statusCode",
  "code",
  "op",
  "orgId",
  "userId",
  "agentId",
  "callId",
  "toolName",
  "invocationId",
  "durationMs",
  "count",
  "stage",
  "err",
]);

/**
 * Nested fields that are ours: an AWS error's description (`describeAwsError`) names its
 * exception class under `name`, which the engine would otherwise take for a person's.
 */
const SAFE_LOG_FIELDS = {
  "error.name": "SAFE",
  "error.code": "SAFE",
  "error.requestId": "SAFE",
  "error.status": "SAFE",
  "error.fault": "SAFE",
} as const;

/**
 * The `formatters.log` hook: every field outside the allow-list goes through the
 * redaction engine (key heuristics, then the text detectors), and raw tool arguments are
 * dropped. Errors are left to their serializer, which redacts their message.
 */
function redactLogObject(object: Record<string, unknown>): Record<string, unknown> {
  let pending: Record<string, unknown> | undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (RAW_ARGUMENTS.has(key)) {
      out[key] = "[REDACTED]";
    } else if (SAFE_LOG_KEYS.has(key) || !needsRedaction(value)) {
      out[key] = value;
    } else {
      pending ??= {};
      pending[key] = value;
    }
  }
  if (!pending) return out;

  const redacted = redactToolArguments(dropRawArguments(pending, 0), {
    fields: SAFE_LOG_FIELDS,
  }).redacted;
  return Object.assign(out, redacted);
}

/**
 * The `logMethod` hook. A message we wrote is kept as it is, but two kinds are not ours:
 * the one pino takes from an error's message when none is given, and one built by
 * interpolation (`log.info("texting %s", phone)`). Both are redacted.
 */
function redactDerivedMessage(this: Logger, args: Parameters<LogFn>, method: LogFn): void {
  const [first, ...rest] = args as unknown[];
  const error = first instanceof Error ? first : errorIn(first);
  if (typeof first === "string" && rest.length > 0) {
    method.call(this, redactText(format(first, ...rest)));
    return;
  }
  if (first !== null && typeof first === "object" && typeof rest[0] === "string") {
    const message = rest.length > 1 ? format(...(rest as [string, ...unknown[]])) : rest[0];
    method.call(this, first, rest.length > 1 ? redactText(message) : message);
    return;
  }
  if (error && rest.length === 0) {
    method.call(this, first as object, redactText(error.message));
    return;
  }
  method.apply(this, args);
}

function errorIn(value: unknown): Error | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const err = (value as { err?: unknown }).err;
  return err instanceof Error ? err : undefined;
}

function needsRedaction(value: unknown): boolean {
  if (typeof value === "string") return true;
  return value !== null && typeof value === "object" && !(value instanceof Error);
}

function dropRawArguments(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (RAW_ARGUMENTS.has(key)) {
      out[key] = "[REDACTED]";
    } else if (field && typeof field === "object" && !Array.isArray(field) && depth < 8) {
      out[key] = dropRawArguments(field as Record<string, unknown>, depth + 1);
    } else {
      out[key] = field;
    }
  }
  return out;
}

/**
 * Pino's error serializer, minus the values. Drizzle puts every bound parameter of a
 * failed statement into the error (`params`, and a "params:" line in the message) and
 * PostgreSQL's `detail` quotes the offending row; those hold emails, hashes and tokens.
 * What stays is the statement's shape, the SQLSTATE and the constraint, which is what
 * a person debugging needs.
 */
function safeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as Record<string, unknown>;
  return scrub(serialized, 0);
}

function scrub(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (VALUE_FIELDS.includes(key)) {
      if (Array.isArray(field)) out[key] = `[${field.length} values]`;
      continue;
    }
    if (typeof field === "string" && (key === "message" || key === "stack")) {
      // An error about a tool call may quote what the caller said (TC2).
      out[key] = redactText(field.replace(/\nparams: [^\n]*/g, "\nparams: [redacted]"));
    } else if (field && typeof field === "object" && depth < 4) {
      out[key] = scrub(field as Record<string, unknown>, depth + 1);
    } else {
      out[key] = field;
    }
  }
  return out;
}

/**
 * A structured logger: one JSON object per line, ISO time, the level as a word.
 * `destination` is for tests that capture what was logged.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}) {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? "info",
      base: { service: "voicecraft" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: redactLogObject },
      hooks: { logMethod: redactDerivedMessage },
      redact: { paths: censorPaths, censor: "[REDACTED]" },
      serializers: { err: safeError },
    },
    options.destination,
  );
}

/**
 * The process-wide logger. A live binding: `redirectLogs` replaces it, and every module
 * that imported `log` sees the new one.
 */
export let log: Logger = createLogger();

/**
 * Sends every later log line to `destination` (tests capture logs this way to prove what
 * is never written). Returns a function that restores the previous logger.
 */
export function redirectLogs(destination: DestinationStream, level = "debug"): () => void {
  const previous = log;
  log = createLogger({ level, destination });
  return () => {
    log = previous;
  };
}
