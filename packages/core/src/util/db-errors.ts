/**
 * Whether `error` (as thrown by drizzle over either driver) is a unique violation of
 * `constraint`. Drizzle wraps the driver's error in `cause`; postgres.js names the
 * constraint `constraint_name`, PGlite `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const pg = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (pg.code === "23505") {
      return pg.constraint_name === constraint || pg.constraint === constraint;
    }
  }
  return false;
}
