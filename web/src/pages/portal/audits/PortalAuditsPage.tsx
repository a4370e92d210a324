import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { AuditsTable } from "../../../components/audits/AuditsTable";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";

/** The customer's audits (art. 10), newest first; only its owner and privacy contact reach this page (art. 9.1). */
export function PortalAuditsPage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/audits")), []);
  return (
    <>
      <PageHeader
        title={t("audits.portalTitle")}
        subtitle={t("audits.portalIntro")}
        actions={
          <Link to="/portal/audits/new" className="btn btn-primary" data-testid="audit-new">
            {t("audits.newAudit")}
          </Link>
        }
      />
      <section className="card">
        <Loaded state={state}>{(list) => <AuditsTable list={list} base="/portal/audits" />}</Loaded>
      </section>
    </>
  );
}
