import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { AuditView } from "../../../components/audits/AuditView";
import type { AuditDetail } from "../../../components/audits/AuditForms";
import { Loaded } from "../../../components/Loaded";

/** One audit in the back-office (art. 10): refuse it, agree the expert and the date, answer information requests, record findings, actions and costs. */
export function AuditPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [fresh, setFresh] = useState<AuditDetail>();
  const state = useApi(() => unwrap(api.GET("/api/v1/audits/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(loaded) => <AuditView audit={fresh?.id === loaded.id ? fresh : loaded} onChange={setFresh} back={<Link to="/admin/audits">{t("audits.back")}</Link>} />}
    </Loaded>
  );
}
