import { useCallback, useEffect, useState } from "react";
import { useLocation } from "react-router";
import { api, unwrap } from "../api/client";
import type { ResponseOf } from "../api/types";

export type Badges = ResponseOf<"/api/v1/home/badges", "get">;

const CHANGED = "art28:badges-changed";

/** Something the badges count was handled on this page (countersigned, marked seen): read them again. */
export function badgesChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** The navigation's badges (GET /home/badges), read again on every page change and after badgesChanged(). */
export function useHomeBadges(): Badges | undefined {
  const { pathname } = useLocation();
  const [badges, setBadges] = useState<Badges>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const again = () => setTick((n) => n + 1);
    window.addEventListener(CHANGED, again);
    return () => window.removeEventListener(CHANGED, again);
  }, []);
  useEffect(() => {
    let current = true;
    unwrap(api.GET("/api/v1/home/badges")).then(
      (value) => current && setBadges(value),
      (cause: unknown) => console.warn("badges not loaded", cause),
    );
    return () => {
      current = false;
    };
  }, [pathname, tick]);
  return badges;
}

/** Remembers that the user looked at these topics now (PUT /seen): new objections and messages count from here. */
export function useMarkSeen(topics: readonly ("objections" | "messages")[], when = true): void {
  const key = topics.join(",");
  useEffect(() => {
    if (!when) {
      return;
    }
    for (const topic of key.split(",") as ("objections" | "messages")[]) {
      unwrap(api.PUT("/api/v1/seen", { body: { topic } })).then(badgesChanged, (cause: unknown) => console.warn("seen not saved", cause));
    }
  }, [key, when]);
}

/** Marks topics seen on demand (a button), then calls back. */
export function useMarkSeenAction(onDone: () => void) {
  return useCallback(
    async (topics: readonly ("objections" | "messages")[]) => {
      for (const topic of topics) {
        await unwrap(api.PUT("/api/v1/seen", { body: { topic } }));
      }
      badgesChanged();
      onDone();
    },
    [onDone],
  );
}
