/** The Node.js major every script and every Lambda runs on. */
export const NODE_MAJOR = 24;

/**
 * Refuses to run on another Node major. Without the `node` dev dependency's install
 * script, npm scripts silently fall back to the machine's older Node, and failures then
 * surface far from their cause; this makes the cause the first thing printed.
 */
export function assertNodeMajor(version: string = process.versions.node): void {
  const major = Number(version.split(".")[0]);
  if (major !== NODE_MAJOR) {
    throw new Error(
      `VoiceCraft runs on Node ${NODE_MAJOR}, this is Node ${version}. ` +
        "Run scripts through npm (the project's `node` dev dependency pins it) and " +
        "make sure `npm install` ran its install script.",
    );
  }
}
