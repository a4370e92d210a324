import { useState } from "react";
import { useSearchParams } from "react-router";
import { ApiError, toApiError } from "./errors";
import { useApi, type ApiState } from "./useApi";

// Keyset lists (issue 16): a page is the rows after a cursor, the server answers the next cursor
// (`next` in an answer with `items`, or the Link header of a list answered as a bare array).

type Result<D> = { data?: D; error?: unknown; response: Response };

/** The `after` of the next page a Link header (RFC 8288, rel="next") names, or null. */
export function nextFromLink(link: string | null): string | null {
  const target = link ? /<([^>]*)>;\s*rel="next"/.exec(link)?.[1] : undefined;
  return target ? new URL(target, window.location.origin).searchParams.get("after") : null;
}

/** Awaits a call to a list answered as an array and returns its rows and the next page's cursor. */
export async function unwrapPage<T>(call: Promise<Result<T[]>>): Promise<{ items: T[]; next: string | null }> {
  let result: Result<T[]>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : String(cause));
  }
  if (!result.response.ok || result.error !== undefined || result.data === undefined) {
    throw toApiError(result.response.status, result.error);
  }
  return { items: result.data, next: nextFromLink(result.response.headers.get("link")) };
}

export interface CursorPages {
  /** The cursor of the page shown; undefined on the first. */
  after: string | undefined;
  /** How many pages come before the one shown. */
  index: number;
  forward: (next: string) => void;
  back: () => void;
}

/**
 * Where a keyset list is: the cursors of the pages before, so Previous goes back one. A new
 * `filters` (search, status, …) starts at the first page again.
 */
export function useCursorPages(filters: string): CursorPages {
  const [state, setState] = useState<{ filters: string; stack: string[] }>({ filters, stack: [] });
  const stack = state.filters === filters ? state.stack : [];
  return {
    after: stack.at(-1),
    index: stack.length,
    forward: (next) => setState({ filters, stack: [...stack, next] }),
    back: () => setState({ filters, stack: stack.slice(0, -1) }),
  };
}

/** The cursor query of a page: `{ after }` past the first page, nothing on it. */
export type AfterQuery = { after?: string };

/**
 * A keyset list a page at a time: where it is (useCursorPages) and the page read there. `filters`
 * are what the list is read with (search, status, the record it belongs to…): a new one starts at
 * the first page again; `load` reads the page after the cursor it is given.
 */
export function usePagedList<T>(filters: readonly unknown[], load: (page: AfterQuery) => Promise<T>): { pages: CursorPages; state: ApiState<T> } {
  const pages = useCursorPages(JSON.stringify(filters));
  const state = useApi(() => load(pages.after ? { after: pages.after } : {}), [...filters, pages.after]);
  return { pages, state };
}

/**
 * A list's filters in the URL's query: each named one's value ("" when absent), and `update`,
 * which changes some of them and keeps the others (an empty value leaves the URL).
 */
export function useUrlFilters<K extends string>(names: readonly K[]): [Record<K, string>, (next: Partial<Record<K, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(names.map((name) => [name, params.get(name) ?? ""])) as Record<K, string>;
  function update(next: Partial<Record<K, string>>) {
    const merged: Record<string, string | undefined> = { ...values, ...next };
    const out = new URLSearchParams();
    for (const name of names) {
      const value = merged[name];
      if (value) {
        out.set(name, value);
      }
    }
    setParams(out);
  }
  return [values, update];
}
