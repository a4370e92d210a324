import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useNavigate } from "react-router";
import { useSession, homeOf } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** A count shown beside the label (e.g. unread notices), with its words for screen readers. */
  badge?: { count: number; label: string; testId?: string } | undefined;
}

/** Page frame: skip link, header with the area's navigation, who is logged in, their account pages, language and logout. */
export function AppShell({ area, nav, account = [], children }: { area: string; nav: readonly NavItem[]; account?: readonly NavItem[]; children: ReactNode }) {
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
                <span className="muted">
                  {" "}
                  · {me.kind === "staff" && me.staffRole ? t(`roles.staff.${me.staffRole}`) : me.customerRole ? t(`roles.customer.${me.customerRole}`) : ""}
                </span>
              </span>
            ) : null}
            {account.length > 0 ? (
              <nav className="account-nav" aria-label={t("common.accountNavigation")}>
                {account.map((item) => (
                  <NavLink key={item.to} to={item.to}>
                    {item.label}
                  </NavLink>
                ))}
              </nav>
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
                    {item.badge && item.badge.count > 0 ? (
                      <span className="nav-count" data-testid={item.badge.testId} title={item.badge.label}>
                        <span aria-hidden="true">{item.badge.count}</span>
                        <span className="sr-only">{item.badge.label}</span>
                      </span>
                    ) : null}
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
