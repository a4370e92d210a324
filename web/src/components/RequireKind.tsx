import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useSession } from "../session";
import { Spinner } from "./Loaded";
import { ErrorAlert } from "./ErrorAlert";
import { NotFound } from "./NotFound";
import { AppShell } from "./AppShell";

/**
 * Only for a logged-in user of this kind: logged out → the login page (coming back here after);
 * the other kind → not found (a customer learns nothing about the back-office's routes).
 */
export function RequireKind({ kind, children }: { kind: "staff" | "customer"; children: ReactNode }) {
  const { me, bootError } = useSession();
  const location = useLocation();
  if (me === undefined) {
    return <Spinner />;
  }
  if (me === null) {
    if (bootError) {
      return (
        <AppShell area="" nav={[]}>
          <ErrorAlert error={bootError} />
        </AppShell>
      );
    }
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.kind !== kind) {
    return (
      <AppShell area="" nav={[]}>
        <NotFound />
      </AppShell>
    );
  }
  return <>{children}</>;
}
