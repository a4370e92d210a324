import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, unwrap } from "../api/client";

interface Unread {
  /** Unread notices of the logged-in customer; undefined until known. */
  count: number | undefined;
  refresh: () => void;
}

const UnreadContext = createContext<Unread>({ count: undefined, refresh: () => undefined });

/** The portal's unread-notice count, for the nav badge; pages that open a notice refresh it. */
export function UnreadProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState<number>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    unwrap(api.GET("/api/v1/notices", { params: { query: { unread: true, limit: 1 } } })).then(
      (page) => current && setCount(page.total),
      (cause: unknown) => console.warn("unread count not loaded", cause),
    );
    return () => {
      current = false;
    };
  }, [tick]);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const value = useMemo(() => ({ count, refresh }), [count, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export const useUnread = (): Unread => useContext(UnreadContext);

/** Opening a notice marks it read on the server: recount the unread badge once `loaded` is there. */
export function useRecountWhenLoaded(loaded: unknown): void {
  const { refresh } = useUnread();
  useEffect(() => {
    if (loaded) {
      refresh();
    }
  }, [loaded, refresh]);
}
