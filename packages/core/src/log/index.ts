import { type DestinationStream, type Logger, pino } from "pino";

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
      out[key] = field.replace(/\nparams: [^\n]*/g, "\nparams: [redacted]");
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
      formatters: { level: (label) => ({ level: label }) },
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
