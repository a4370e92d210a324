import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "../../../components/PageHeader";
import { useMe } from "../../../session";

/** The customer's evidence bundle: its whole chain and what it received, to keep and check by itself. */
export function PortalEvidencePage() {
  const { t } = useTranslation();
  const me = useMe();
  const controllerId = encodeURIComponent(me.controllerId ?? "");
  return (
    <>
      <PageHeader title={t("evidence.title")} subtitle={t("evidence.intro")} />
      <section className="card" aria-label={t("evidence.nav")}>
        <p>
          <a className="btn" href={`/api/v1/controllers/${controllerId}/evidence-bundle`} download data-testid="evidence-download">
            {t("evidence.download")}
          </a>
        </p>
        <p>
          <Link to="/trust/verify">{t("evidence.verifyLink")}</Link>
        </p>
        <p className="muted">
          <code>{t("evidence.cli")}</code>
        </p>
      </section>
    </>
  );
}
