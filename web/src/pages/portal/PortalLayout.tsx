import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { AppShell } from "../../components/AppShell";
import { RequireKind } from "../../components/RequireKind";

export function PortalLayout() {
  const { t } = useTranslation();
  const nav = [
    { to: "/portal", label: t("nav.portal.overview"), end: true },
    { to: "/portal/contact", label: t("nav.portal.contact") },
    { to: "/portal/tokens", label: t("nav.tokens") },
    { to: "/portal/security", label: t("nav.security") },
  ];
  return (
    <RequireKind kind="customer">
      <AppShell area={t("nav.portal.area")} nav={nav}>
        <Outlet />
      </AppShell>
    </RequireKind>
  );
}
