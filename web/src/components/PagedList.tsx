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

/** A keyset list's page: loading and errors, `empty` when there is nothing, else the rows and the pager. */
export function PagedList<P extends KeysetPage<unknown>>({
  state,
  pages,
  limit,
  empty,
  children,
}: {
  state: ApiState<P>;
  pages: CursorPages;
  limit: number;
  empty: ReactNode;
  children: (items: P["items"]) => ReactNode;
}) {
  return (
    <Loaded state={state}>
      {(page) =>
        page.items.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          <>
            {children(page.items)}
            <KeysetPager pages={pages} limit={limit} shown={page.items.length} next={page.next} total={page.total} totalExact={page.totalExact} />
          </>
        )
      }
    </Loaded>
  );
}
