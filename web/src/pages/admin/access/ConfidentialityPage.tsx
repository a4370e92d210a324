import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatDate, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";
import { StatementText } from "./StatementText";

/**
 * art. 2.3, 9.1: the confidentiality statement a staff user confirms before they see any customer's
 * data. The back-office comes here when the server answers 403 confidentiality_required, and goes
 * back to where the user was once they confirm.
 */
export function ConfidentialityPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? "/admin";
  const statement = useApi(() => unwrap(api.GET("/api/v1/confidentiality-statement")), []);
  const [shown, setShown] = useState<"nl" | "en" | null>(null);
  const confirm = useAction((version: number) => unwrap(api.POST("/api/v1/confidentiality-statement/confirmation", { body: { version } })));
  const reading = shown ?? lang;
  const other = reading === "nl" ? "en" : "nl";

  async function submit(version: number) {
    const result = await confirm.execute(version);
    if (result.ok) {
      statement.reload();
      void navigate(from.startsWith("/admin/confidentiality") ? "/admin" : from, { replace: true });
    }
  }

  return (
    <>
      <PageHeader
        title={t("access.statement.title")}
        subtitle={t("access.statement.intro")}
        actions={
          me.staffRole === "admin" || me.staffRole === "privacy_officer" ? (
            <Link className="btn" to="/admin/confidentiality/versions">
              {t("access.statement.manage")}
            </Link>
          ) : null
        }
      />
      <Loaded state={statement}>
        {({ statement: s, confirmedAt }) => (
          <section className="card" aria-labelledby="statement-heading">
            <h2 id="statement-heading" className="small muted">
              {t("access.statement.version", { version: s.version, date: formatDate(s.publishedAt) })}
            </h2>
            <button type="button" className="btn btn-small" onClick={() => setShown(other)} data-testid="statement-language">
              {reading === lang ? t("access.statement.otherLanguage") : t("access.statement.ownLanguage")}
            </button>
            <StatementText text={s.text[reading]} lang={reading} testId="statement-text" />
            {confirmedAt ? (
              <Notice tone="success" testId="statement-confirmed">
                {t("access.statement.confirmedOn", { date: formatInstant(confirmedAt) })} <Link to="/admin">{t("access.statement.continue")}</Link>
              </Notice>
            ) : (
              <>
                <Notice tone="warning" testId="statement-unconfirmed">
                  {t("access.statement.notConfirmed")}
                </Notice>
                <ErrorAlert error={confirm.error} />
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={confirm.busy}
                  onClick={() => void submit(s.version)}
                  data-testid="statement-confirm"
                >
                  {t("access.statement.confirm")}
                </button>
              </>
            )}
          </section>
        )}
      </Loaded>
    </>
  );
}
