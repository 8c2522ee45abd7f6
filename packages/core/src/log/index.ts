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
    },
    options.destination,
  );
}

/** The process-wide logger. */
export const log: Logger = createLogger();
