import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, setCsrfToken, setSessionLostHandler, unwrap } from "./api/client";
import type { Me } from "./api/types";
import { ApiError } from "./api/errors";
import { applyUserLocale } from "./i18n";

interface Session {
  /** undefined while the first /auth/session is under way; null when logged out. */
  me: Me | null | undefined;
  /** The server could not be asked at all (not a 401). */
  bootError: ApiError | undefined;
  signedIn: (me: Me) => void;
  /** Ends the session; signed in through single sign-on, goes on to the issuer's logout (and resolves to its address), else resolves to null. */
  logout: () => Promise<string | null>;
  refresh: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [bootError, setBootError] = useState<ApiError>();

  const accept = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? "");
    if (next) {
      applyUserLocale(next.locale);
    }
    setMe(next);
  }, []);

  // "Who am I" on every page load, public pages too: /auth/session answers 200 with user null when
  // nobody is logged in, so a visitor's browser logs no failed request (/auth/me would be a 401).
  const refresh = useCallback(async () => {
    try {
      accept((await unwrap(api.GET("/api/v1/auth/session"))).user);
      setBootError(undefined);
    } catch (cause) {
      setBootError(cause instanceof ApiError ? cause : new ApiError(0, "client", String(cause)));
      accept(null);
    }
  }, [accept]);

  useEffect(() => {
    setSessionLostHandler(() => accept(null));
    void refresh();
  }, [accept, refresh]);

  const logout = useCallback(async () => {
    let issuerLogoutUrl: string | null = null;
    try {
      ({ issuerLogoutUrl } = await unwrap(api.POST("/api/v1/auth/logout")));
    } finally {
      if (issuerLogoutUrl) {
        // On to the issuer at once: clearing the user first would let the page's own redirect to
        // /login (a same-document navigation) cancel the one to the issuer.
        window.location.assign(issuerLogoutUrl);
      } else {
        accept(null);
      }
    }
    return issuerLogoutUrl;
  }, [accept]);

  const value = useMemo<Session>(() => ({ me, bootError, signedIn: accept, logout, refresh }), [me, bootError, accept, logout, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) {
    throw new Error("useSession outside SessionProvider");
  }
  return session;
}

/** The logged-in user, for pages that are only reachable when logged in. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) {
    throw new Error("useMe on a page that does not require a login");
  }
  return me;
}

/** Home of a user by kind: the portal for customers, the back-office for staff. */
export const homeOf = (me: Me) => (me.kind === "customer" ? "/portal" : "/admin");

const STAFF_WRITERS = new Set(["admin", "privacy_officer"]);
/** Staff who may change the back-office's records (the server decides; this only hides buttons). */
export const canStaffWrite = (me: Me) => me.kind === "staff" && me.staffRole !== null && STAFF_WRITERS.has(me.staffRole);
export const canEditMeasures = (me: Me) =>
  me.kind === "staff" && (me.staffRole === "admin" || me.staffRole === "privacy_officer" || me.staffRole === "security_officer");
/** Customer users who may sign and keep the contact current. */
export const canCustomerAct = (me: Me) => me.kind === "customer" && (me.customerRole === "owner" || me.customerRole === "privacy_contact");

const INCIDENT_WRITERS = new Set(["admin", "security_officer", "privacy_officer"]);
/** Staff who work on incidents (art. 6): record, assess, notify. */
export const canIncidentWrite = (me: Me) => me.kind === "staff" && me.staffRole !== null && INCIDENT_WRITERS.has(me.staffRole);
/** And who may read the incident register: those and the auditor (support staff have no access). */
export const canIncidentRead = (me: Me) => canIncidentWrite(me) || (me.kind === "staff" && me.staffRole === "auditor");
