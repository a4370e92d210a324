import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { AppShell } from "../../components/AppShell";
import { RequireKind } from "../../components/RequireKind";
import { UnreadProvider, useUnread } from "../../lib/unread";
import { useSession } from "../../session";
import { useHomeBadges } from "../../lib/home-badges";

export function PortalLayout() {
  return (
    <RequireKind kind="customer">
      <UnreadProvider>
        <PortalShell />
      </UnreadProvider>
    </RequireKind>
  );
}

function PortalShell() {
  const { t } = useTranslation();
  const { count } = useUnread();
  const { me } = useSession();
  const badges = useHomeBadges();
  const badge = (n: number | undefined, label: string, testId: string) => (n ? { count: n, label, testId } : undefined);
  const nav = [
    { to: "/portal", label: t("nav.portal.overview"), end: true },
    {
      to: "/portal/notices",
      label: t("nav.portal.notices"),
      badge: count ? { count, label: t("nav.unreadBadge", { count }), testId: "nav-unread" } : undefined,
    },
    {
      to: "/portal/breaches",
      label: t("nav.portal.breaches"),
      badge: badge(badges?.breaches, t("home.badge.breaches", { count: badges?.breaches ?? 0 }), "nav-breaches"),
    },
    { to: "/portal/obligations", label: t("nav.portal.obligations") },
    { to: "/portal/cases", label: t("cases.nav.portal") },
    { to: "/portal/subject-requests", label: t("subjectRequests.nav.portal") },
    // art. 9.1, 10: audits are for the owner and the privacy contact only (the server refuses viewers).
    ...(me?.customerRole === "owner" || me?.customerRole === "privacy_contact" ? [{ to: "/portal/audits", label: t("audits.nav.portal") }] : []),
    {
      to: "/portal/subprocessors",
      label: t("nav.portal.subprocessors"),
      badge: badge(badges?.subprocessors, t("home.badge.subprocessors", { count: badges?.subprocessors ?? 0 }), "nav-subprocessors"),
    },
    { to: "/portal/transfers", label: t("nav.portal.transfers") },
    { to: "/portal/measures", label: t("measures.portal.title") },
    { to: "/portal/register", label: t("register.portalNav") },
    { to: "/portal/access-log", label: t("access.log.nav") },
    { to: "/portal/evidence", label: t("evidence.nav") },
    { to: "/portal/disclosures", label: t("disclosures.nav.portal") },
    // art. 12.2: the end of the agreement, for the owner and the privacy contact (the server refuses a viewer).
    ...(me?.customerRole === "owner" || me?.customerRole === "privacy_contact" ? [{ to: "/portal/ending", label: t("ending.nav.portal") }] : []),
    // art. 11: the owner's and the privacy contact's only (the server refuses a viewer).
    ...(me?.customerRole === "owner" || me?.customerRole === "privacy_contact" ? [{ to: "/portal/claims", label: t("claims.nav.portal") }] : []),
    { to: "/portal/contact", label: t("nav.portal.contact") },
    { to: "/portal/webhooks", label: t("nav.portal.webhooks") },
    ...(me?.customerRole === "owner" ? [{ to: "/portal/users", label: t("accounts.nav.users") }] : []),
  ];
  const account = [
    { to: "/portal/tokens", label: t("nav.tokens") },
    { to: "/portal/security", label: t("nav.security") },
  ];
  // What Art28 documents about the processing, and the customer's own settings, each share one menu
  // button, so the main row stays one line at 1366 px.
  const groups = [
    { label: t("layout.portalGroups.requests"), paths: ["/portal/cases", "/portal/subject-requests", "/portal/audits", "/portal/claims"] },
    {
      label: t("layout.portalGroups.processing"),
      paths: ["/portal/transfers", "/portal/measures", "/portal/register", "/portal/disclosures", "/portal/access-log", "/portal/ending", "/portal/evidence"],
    },
    { label: t("layout.portalGroups.settings"), paths: ["/portal/contact", "/portal/webhooks", "/portal/users"] },
  ];
  return (
    <AppShell area={t("nav.portal.area")} nav={nav} account={account} groups={groups}>
      <Outlet />
    </AppShell>
  );
}
