import type { Page } from "./schemas.ts";

export interface PagerOptions<T> {
  /** Fetches the page after `cursor`; null for the first page. */
  load(cursor: string | null): Promise<Page<T>>;
  /** Shows items; `first` is true for the first page, so the list can be cleared. */
  render(items: T[], first: boolean): void;
  /** The "Load more" button; hidden when there is nothing more. */
  button: HTMLButtonElement;
  onError(error: unknown): void;
}

/**
 * Keyset paging behind a "Load more" button. Requests never overlap, so a double click
 * cannot fetch the same page twice or append pages out of order.
 */
export function createPager<T>(options: PagerOptions<T>) {
  let cursor: string | null = null;
  let busy = false;
  let generation = 0;
  const label = options.button.textContent ?? "Load more";

  async function next(first: boolean): Promise<void> {
    if (busy && !first) return;
    busy = true;
    const mine = ++generation;
    options.button.disabled = true;
    options.button.textContent = "Loading…";
    try {
      const page = await options.load(first ? null : cursor);
      // A reset started while this page was loading: its answer is stale.
      if (mine !== generation) return;
      cursor = page.nextCursor;
      options.render(page.items, first);
      options.button.hidden = cursor === null;
    } catch (error) {
      if (mine === generation) options.onError(error);
    } finally {
      if (mine === generation) {
        busy = false;
        options.button.disabled = false;
        options.button.textContent = label;
      }
    }
  }

  options.button.addEventListener("click", () => void next(false));
  return {
    /** Loads the first page again, e.g. after a filter changed. */
    reset: () => next(true),
  };
}
