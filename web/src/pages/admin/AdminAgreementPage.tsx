import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AgreementHashCard, AgreementRecordCard } from "../../components/AgreementEvidence";
import { useAgreementView } from "../../api/useAgreementView";
import { Link, useParams } from "react-router";
import { DocumentFrame } from "../../components/DocumentFrame";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { AgreementStatusBadge } from "../../components/StatusBadge";
import { canStaffWrite, useMe } from "../../session";
import { CountersignForm } from "./CountersignForm";

/** One customer's agreement in the back-office: its PDF (once signed, the bytes signed) under its hash, the document, the record. */
export function AdminAgreementPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = "" } = useParams();
  const [countersigned, setCountersigned] = useState(false);
  const state = useAgreementView(id);

  return (
    <Loaded state={state}>
      {({ agreement, document, documentError }) => {
        const title = `${agreement.controllerName} — ${t("agreement.versionN", { version: agreement.templateVersion })}`;
        return (
          <>
            <p className="breadcrumb">
              <Link to="/admin/customers">{t("nav.admin.customers")}</Link> ›{" "}
              <Link to={`/admin/customers/${agreement.controllerId}`}>{agreement.controllerName}</Link>
            </p>
            <PageHeader title={title} badge={<AgreementStatusBadge status={agreement.status} testId="agreement-status" />} />
            {countersigned ? (
              <Notice tone="success" testId="countersign-confirmation">
                {t("countersign.done")}
              </Notice>
            ) : null}
            <div className="agreement-top">
              <AgreementHashCard agreement={agreement} document={document} />
              {agreement.status === "signed_by_customer" && canStaffWrite(me) ? (
                <CountersignForm
                  agreement={agreement}
                  onDone={(signed) => {
                    setCountersigned(true);
                    state.setData({ agreement: signed, document, documentError: null });
                  }}
                />
              ) : (
                <AgreementRecordCard agreement={agreement} />
              )}
            </div>
            <ErrorAlert error={documentError ?? undefined} />
            {document ? <DocumentFrame html={document.html} title={title} /> : null}
            {agreement.status === "signed_by_customer" && canStaffWrite(me) ? <AgreementRecordCard agreement={agreement} /> : null}
          </>
        );
      }}
    </Loaded>
  );
}
