import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { AuditView } from "../../../components/audits/AuditView";
import type { AuditDetail } from "../../../components/audits/AuditForms";
import { Loaded } from "../../../components/Loaded";

/** One of the customer's audits (art. 10): propose or accept the expert and the date, ask for information, see and confirm findings and actions. */
export function PortalAuditPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const [fresh, setFresh] = useState<AuditDetail>();
  const state = useApi(() => unwrap(api.GET("/api/v1/audits/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(loaded) => (
        <AuditView audit={fresh?.id === loaded.id ? fresh : loaded} onChange={setFresh} back={<Link to="/portal/audits">{t("audits.back")}</Link>} />
      )}
    </Loaded>
  );
}
