import { useTranslation } from "react-i18next";
import { useEffect } from "react";
import { Outlet, useNavigate } from "react-router";
import { setConfidentialityRequiredHandler } from "../../api/client";
import { AppShell } from "../../components/AppShell";
import { RequireKind } from "../../components/RequireKind";
import { canIncidentRead, useSession } from "../../session";
import { useHomeBadges } from "../../lib/home-badges";

export function AdminLayout() {
  const { t } = useTranslation();
  const { me } = useSession();
  const badges = useHomeBadges();
  const navigate = useNavigate();
  // art. 2.3, 9.1: a refusal for want of the confidentiality statement shows the statement, then back.
  useEffect(() => {
    setConfidentialityRequiredHandler(() => {
      const here = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith("/admin/confidentiality")) {
        void navigate("/admin/confidentiality", { state: { from: here } });
      }
    });
    return () => setConfidentialityRequiredHandler(() => undefined);
  }, [navigate]);
  const unread = (badges?.objections ?? 0) + (badges?.messages ?? 0);
  const countersign = badges?.countersign ?? 0;
  const nav = [
    { to: "/admin", label: t("staffHome.navLabel"), end: true },
    { to: "/admin/customers", label: t("nav.admin.customers") },
    { to: "/admin/contacts", label: t("staleContacts.navLabel") },
    // Support staff see customers, not incidents (the server refuses them too).
    ...(me && canIncidentRead(me) ? [{ to: "/admin/incidents", label: t("nav.admin.incidents") }] : []),
    { to: "/admin/cases", label: t("cases.nav.admin") },
    // The requesters' personal data: the administrator and the privacy officer only (the server refuses others).
    ...(me?.staffRole === "admin" || me?.staffRole === "privacy_officer" ? [{ to: "/admin/subject-requests", label: t("subjectRequests.nav.admin") }] : []),
    { to: "/admin/obligations", label: t("nav.admin.obligations") },
    { to: "/admin/notices", label: t("nav.admin.notices") },
    { to: "/admin/outbox", label: t("nav.admin.outbox") },
    {
      to: "/admin/subprocessors",
      label: t("nav.admin.subprocessors"),
      badge: unread ? { count: unread, label: t("navBadge.objections", { count: unread }), testId: "nav-objections" } : undefined,
    },
    {
      to: "/admin/countersign",
      label: t("nav.admin.countersign"),
      badge: countersign ? { count: countersign, label: t("navBadge.countersign", { count: countersign }), testId: "nav-countersign" } : undefined,
    },
    { to: "/admin/templates", label: t("nav.admin.templates") },
    { to: "/admin/catalogue", label: t("nav.admin.catalogue") },
    { to: "/admin/measures", label: t("nav.admin.measures") },
    { to: "/admin/processor", label: t("nav.admin.processor") },
    // GDPR art. 30(2): the administrator, the privacy officer and the auditor (the server refuses others).
    ...(me?.kind === "staff" && ["admin", "privacy_officer", "auditor"].includes(me.staffRole ?? "")
      ? [{ to: "/admin/register", label: t("register.nav") }]
      : []),
    // art. 9.2: the register of disclosure orders is the administrator's and the privacy officer's only (the server refuses others).
    ...(me?.kind === "staff" && ["admin", "privacy_officer"].includes(me.staffRole ?? "")
      ? [
          { to: "/admin/disclosures", label: t("disclosures.nav.admin") },
          // art. 12.2: the end of agreements, the administrator's and the privacy officer's (the server refuses others).
          { to: "/admin/endings", label: t("ending.nav.admin") },
          // art. 9.1, 10: a customer's audit is for the two parties only.
          { to: "/admin/audits", label: t("audits.nav.admin") },
        ]
      : []),
    // art. 11: notices of default and claims are confidential between the parties (the server refuses other roles).
    ...(me?.kind === "staff" && ["admin", "privacy_officer"].includes(me.staffRole ?? "")
      ? [
          { to: "/admin/claims", label: t("claims.nav.admin") },
          { to: "/admin/fee-ledger", label: t("claims.nav.ledger") },
        ]
      : []),
    ...(me?.staffRole === "admin" ? [{ to: "/admin/staff", label: t("accounts.nav.staff") }] : []),
    ...(me?.staffRole === "admin" || me?.staffRole === "privacy_officer" ? [{ to: "/admin/confidentiality/versions", label: t("access.versions.nav") }] : []),
  ];
  // The set-up pages share one menu button, and so do the customers and their contacts, so the main row stays one line at 1366 px.
  const groups = [
    { label: t("layout.adminGroups.customers"), paths: ["/admin/customers", "/admin/contacts", "/admin/endings"] },
    { label: t("layout.adminGroups.requests"), paths: ["/admin/cases", "/admin/subject-requests", "/admin/disclosures", "/admin/audits", "/admin/claims"] },
    {
      label: t("layout.adminGroups.setup"),
      paths: [
        "/admin/templates",
        "/admin/catalogue",
        "/admin/measures",
        "/admin/processor",
        "/admin/register",
        "/admin/fee-ledger",
        "/admin/confidentiality/versions",
      ],
    },
  ];
  const account = [
    { to: "/admin/tokens", label: t("nav.tokens") },
    { to: "/admin/security", label: t("nav.security") },
  ];
  return (
    <RequireKind kind="staff">
      <AppShell area={t("nav.admin.area")} nav={nav} account={account} groups={groups}>
        <Outlet />
      </AppShell>
    </RequireKind>
  );
}
