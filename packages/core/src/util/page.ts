import { lt } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { coerce, type infer as Infer, object, string } from "zod";
import { VisibleError } from "./errors.ts";
import { isId } from "./id.ts";

export const MAX_PAGE_SIZE = 100;

/** Keyset pagination input: how many, and where the previous page stopped. */
export const PageQuery = object({
  limit: coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
  cursor: string().max(200).optional(),
});
export type PageQuery = Infer<typeof PageQuery>;

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Cursors are opaque to clients so the ordering key can change without breaking them.
 * Today a cursor wraps the last id seen; ids are UUIDv7, so id order is creation order.
 */
export function encodeCursor(id: string): string {
  return Buffer.from(id, "utf8").toString("base64url");
}

/** The id inside a cursor, or an INVALID_CURSOR error for anything a client made up. */
export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, "base64url").toString("utf8");
  if (!isId(id)) throw new VisibleError("invalid", "INVALID_CURSOR", "The cursor is not valid.");
  return id;
}

/** Builds a page from `limit + 1` rows fetched in descending id order. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

/** Rows after `cursor` in descending id order; no condition on the first page. */
export function afterCursor(id: PgColumn, cursor: string | undefined) {
  return cursor ? lt(id, decodeCursor(cursor)) : undefined;
}
