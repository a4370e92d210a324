import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { AuditsTable } from "../../../components/audits/AuditsTable";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";

/** Every customer's audits (art. 10), for the administrator and the privacy officer only (art. 9.1). */
export function AuditsPage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/audits")), []);
  return (
    <>
      <PageHeader title={t("audits.adminTitle")} subtitle={t("audits.adminIntro")} />
      <section className="card">
        <Loaded state={state}>{(list) => <AuditsTable list={list} base="/admin/audits" withCustomer />}</Loaded>
      </section>
    </>
  );
}
