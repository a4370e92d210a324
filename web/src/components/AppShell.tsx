import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, NavLink, useLocation, useNavigate } from "react-router";
import { useSession, homeOf } from "../session";
import { LanguageSwitch } from "./LanguageSwitch";
import { useKeyboardScrollRegions } from "./scroll-regions";

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** A count shown beside the label (e.g. unread notices), with its words for screen readers. */
  badge?: { count: number; label: string; testId?: string } | undefined;
}

/** Items of `nav` (by their `to`) shown together under one menu button, so the main row stays one line. */
export interface NavGroup {
  label: string;
  paths: readonly string[];
}

type Entry = { kind: "item"; item: NavItem } | { kind: "group"; label: string; items: NavItem[] };

/** The nav in its order, each group at the place of its first member. */
function entriesOf(nav: readonly NavItem[], groups: readonly NavGroup[]): Entry[] {
  const out: Entry[] = [];
  const placed = new Set<NavGroup>();
  for (const item of nav) {
    const group = groups.find((g) => g.paths.includes(item.to));
    if (!group) {
      out.push({ kind: "item", item });
    } else if (!placed.has(group)) {
      placed.add(group);
      out.push({ kind: "group", label: group.label, items: nav.filter((i) => group.paths.includes(i.to)) });
    }
  }
  return out;
}

/**
 * Page frame: skip link, header with the area's navigation, who is logged in, their account pages,
 * language and logout. On a phone the navigation and account pages fold into a menu button; the
 * language switch and logout stay in the top bar.
 */
export function AppShell({
  area,
  nav,
  account = [],
  groups = [],
  children,
}: {
  area: string;
  nav: readonly NavItem[];
  account?: readonly NavItem[];
  groups?: readonly NavGroup[];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { me, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const toggleRef = useRef<HTMLButtonElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  useKeyboardScrollRegions(mainRef);

  // A link followed closes the phone menu.
  useEffect(() => {
    setMenuOpen(false);
  }, [location.pathname]);

  // Escape closes the phone menu wherever the focus is, and gives the focus back to its button.
  useEffect(() => {
    if (!menuOpen) {
      return undefined;
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setMenuOpen(false);
        toggleRef.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [menuOpen]);

  const hasMenu = nav.length > 0 || account.length > 0;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link to={me ? homeOf(me) : "/"} className="brand">
            Art28 {area ? <span className="brand-area">{area}</span> : null}
          </Link>
          {hasMenu ? (
            <button
              ref={toggleRef}
              type="button"
              className="menu-toggle"
              aria-expanded={menuOpen}
              aria-controls={menuId}
              onClick={() => setMenuOpen((open) => !open)}
              data-testid="menu-toggle"
            >
              <span className="menu-icon" aria-hidden="true" />
              {t("layout.menu")}
            </button>
          ) : null}
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
                  // Signed in through single sign-on, logout() goes on to the issuer, which ends its session and sends the browser back to /login.
                  void logout().then((issuerLogoutUrl) => {
                    if (!issuerLogoutUrl) {
                      void navigate("/login");
                    }
                  });
                }}
              >
                {t("common.logout")}
              </button>
            ) : null}
          </div>
        </div>
        {hasMenu ? (
          <nav className={`mainnav${menuOpen ? " open" : ""}`} aria-label={t("common.mainNavigation")} id={menuId}>
            <ul>
              {entriesOf(nav, groups).map((entry) =>
                entry.kind === "item" ? (
                  <li key={entry.item.to}>
                    <NavLink to={entry.item.to} end={entry.item.end ?? false}>
                      <NavLabel item={entry.item} />
                    </NavLink>
                  </li>
                ) : (
                  <NavMenu key={`group-${entry.label}`} label={entry.label} items={entry.items} />
                ),
              )}
              {/* On a phone the account pages live in the menu; on a wide screen they are in the top bar. */}
              {account.map((item) => (
                <li key={item.to} className="nav-account">
                  <NavLink to={item.to}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className="content" tabIndex={-1} ref={mainRef}>
        {children}
      </main>
    </div>
  );
}

/** A navigation item's label with its count, if any. */
function NavLabel({ item }: { item: NavItem }) {
  return (
    <>
      {item.label}
      {item.badge && item.badge.count > 0 ? (
        <span className="nav-count" data-testid={item.badge.testId} title={item.badge.label}>
          <span aria-hidden="true">{item.badge.count}</span>
          <span className="sr-only">{item.badge.label}</span>
        </span>
      ) : null}
    </>
  );
}

/** A disclosure button in the main row with its items below it; Escape, a click elsewhere or a link followed closes it. */
function NavMenu({ label, items }: { label: string; items: readonly NavItem[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const location = useLocation();
  const ref = useRef<HTMLLIElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const active = items.some((i) => location.pathname === i.to || location.pathname.startsWith(`${i.to}/`));
  const counted = items.filter((i) => i.badge && i.badge.count > 0);
  const total = counted.reduce((sum, i) => sum + (i.badge?.count ?? 0), 0);

  useEffect(() => {
    setOpen(false);
  }, [location.pathname]);
  useEffect(() => {
    if (!open) {
      return undefined;
    }
    const outside = (event: MouseEvent | FocusEvent) => {
      if (ref.current && event.target instanceof Node && !ref.current.contains(event.target)) {
        setOpen(false);
      }
    };
    document.addEventListener("mousedown", outside);
    document.addEventListener("focusin", outside);
    return () => {
      document.removeEventListener("mousedown", outside);
      document.removeEventListener("focusin", outside);
    };
  }, [open]);

  return (
    <li
      className={`nav-group${open ? " open" : ""}`}
      ref={ref}
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className={`nav-group-button${active ? " active" : ""}`}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
        {total > 0 ? (
          <span className="nav-count">
            <span aria-hidden="true">{total}</span>
            <span className="sr-only">{counted.map((i) => i.badge?.label ?? "").join(", ")}</span>
          </span>
        ) : null}
        <span className="nav-caret" aria-hidden="true" />
      </button>
      <ul id={id} className="nav-submenu" hidden={!open}>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end ?? false}>
              <NavLabel item={item} />
            </NavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}
