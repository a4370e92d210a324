import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { useApi } from "../api/useApi";
import { currentLocale } from "../i18n";
import { isSsoError } from "../../../src/domain/sso-errors.ts";

// Single sign-on on the login page: a button per issuer the server has configured (the control panel,
// the staff issuer), and the reason a sign-in through one was refused (/login?sso_error=<code>).

/** Why a single sign-on was refused, in the reader's language; nothing without `code`. */
export function SsoError({ code }: { code: string | null }) {
  const { t } = useTranslation();
  if (!code) {
    return null;
  }
  return (
    <div className="alert alert-error" role="alert" data-testid="sso-error">
      <strong>{t("sso.errorTitle")}</strong>
      <br />
      {t(`sso.error.${isSsoError(code) ? code : "failed"}`)}
    </div>
  );
}

/** The sign-in buttons of the configured issuers; after signing in the browser opens `next` (a path here). */
export function SsoButtons({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const providers = useApi(() => unwrap(api.GET("/api/v1/auth/oidc/providers")), []);
  const list = providers.data ?? [];
  if (list.length === 0) {
    return null;
  }
  const locale = currentLocale();
  return (
    <div className="sso-buttons" aria-label={t("sso.buttons")} role="group">
      <p className="sso-or muted">{t("sso.or")}</p>
      {list.map((provider) => (
        <a
          key={provider.provider}
          className="btn sso-button"
          href={next ? `${provider.startUrl}&returnTo=${encodeURIComponent(next)}` : provider.startUrl}
          data-testid={`sso-${provider.provider}`}
        >
          {provider.label[locale]}
        </a>
      ))}
    </div>
  );
}
