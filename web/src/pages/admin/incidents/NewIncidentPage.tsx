import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { IncidentBody } from "../../../api/types";
import { PageHeader } from "../../../components/PageHeader";
import { IncidentForm } from "./IncidentForm";

/** GDPR art. 33(5): every security incident goes into the register, breach or not; assessing it comes next. */
export function NewIncidentPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const record = useAction((body: IncidentBody) => unwrap(api.POST("/api/v1/incidents", { body })));
  async function submit(body: IncidentBody) {
    const result = await record.execute(body);
    if (result.ok) {
      void navigate(`/admin/incidents/${result.value.id}`, { state: { recorded: true } });
    }
  }
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/incidents">{t("incidents.back")}</Link>
      </p>
      <PageHeader title={t("incidents.newTitle")} subtitle={t("incidents.newIntro")} />
      <IncidentForm busy={record.busy} error={record.error} submitLabel={t("incidents.form.record")} onSubmit={(body) => void submit(body)} />
    </>
  );
}
