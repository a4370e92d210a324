import { AppShell } from "../components/AppShell";
import { NotFound } from "../components/NotFound";

/** Any route the UI does not know. */
export function NotFoundPage() {
  return (
    <AppShell area="" nav={[]}>
      <NotFound />
    </AppShell>
  );
}
