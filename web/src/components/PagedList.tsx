import type { ReactNode } from "react";
import type { CursorPages } from "../api/pages";
import type { ApiState } from "../api/useApi";
import { KeysetPager } from "./KeysetPager";
import { Loaded } from "./Loaded";

/** A page of a keyset list as the server answers it. */
export interface KeysetPage<T> {
  items: T[];
  next: string | null;
  total?: number;
  totalExact?: boolean;
}

/**
 * A keyset list's page: loading and errors, `empty` when there is nothing, else the rows; then the
 * pager, below the rows (never inside a table's scrolling box). An empty page past the first
 * (its rows gone since the page before was read) keeps the pager, so Previous leads back.
 */
export function PagedList<P extends KeysetPage<unknown>>({
  state,
  pages,
  limit,
  empty,
  emptyTestId,
  children,
}: {
  state: ApiState<P>;
  pages: CursorPages;
  limit: number;
  empty: ReactNode;
  emptyTestId?: string;
  children: (items: P["items"]) => ReactNode;
}) {
  return (
    <Loaded state={state}>
      {(page) => (
        <>
          {page.items.length === 0 ? (
            <p className="muted" data-testid={emptyTestId}>
              {empty}
            </p>
          ) : (
            children(page.items)
          )}
          <KeysetPager pages={pages} limit={limit} shown={page.items.length} next={page.next} total={page.total} totalExact={page.totalExact} />
        </>
      )}
    </Loaded>
  );
}
