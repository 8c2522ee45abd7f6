/**
 * What went wrong, in terms a caller can act on. The HTTP layer maps each kind to a
 * status; core never knows about HTTP.
 */
export type ErrorKind =
  | "invalid"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "unavailable";

/**
 * An error whose code and message are safe to show to the caller. Anything that is not
 * a `VisibleError` is treated as a bug: logged in full, answered with a generic 500.
 */
export class VisibleError extends Error {
  override readonly name = "VisibleError";
  readonly kind: ErrorKind;
  /** Stable, UPPER_SNAKE: clients branch on it, so it never changes meaning. */
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

/**
 * A resource that does not exist, or that exists in another tenant: the two are never
 * told apart, so probing ids reveals nothing about other organizations.
 */
export class NotFoundError extends VisibleError {
  constructor(code: string, message = "Not found") {
    super("not_found", code, message);
  }
}
