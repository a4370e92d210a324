import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useNavigate } from "react-router";
import { useSession, homeOf } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
}

/** Page frame: skip link, header with the area's navigation, who is logged in, language and logout. */
export function AppShell({ area, nav, children }: { area: string; nav: readonly NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to={me ? homeOf(me) : "/"} className="brand">
            Art28 <span className="brand-area">{area}</span>
          </Link>
          <div className="topbar-right">
            {me ? (
              <span className="who" data-testid="current-user">
                {me.name}
                <span className="muted"> · {me.kind === "staff" && me.staffRole ? t(`roles.staff.${me.staffRole}`) : me.customerRole ? t(`roles.customer.${me.customerRole}`) : ""}</span>
              </span>
            ) : null}
            <LanguageSwitch />
            {me ? (
              <button
                type="button"
                className="btn btn-link"
                data-testid="logout"
                onClick={() => {
                  void logout().then(() => navigate("/login"));
                }}
              >
                {t("common.logout")}
              </button>
            ) : null}
          </div>
        </div>
        {nav.length > 0 ? (
          <nav className="mainnav" aria-label={t("common.mainNavigation")}>
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end ?? false}>
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
