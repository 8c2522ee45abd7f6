import { Writable } from "node:stream";
import { redirectLogs } from "@voicecraft/core/log";

/**
 * Captures every log line from now on, at debug level, so a test can prove what is never
 * logged. Call `restore` when done.
 */
export function captureLogs(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const restore = redirectLogs(
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { lines, restore };
}
