import { v7 } from "uuid";

/**
 * A new primary key. UUIDv7 is time-ordered, so keyset pagination on `id` is also
 * pagination by creation time, and inserts land at the right edge of the index.
 */
export function createId(): string {
  return v7();
}

/** Whether `value` has the textual shape of a UUID; ids that fail never reach SQL. */
export function isId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
