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
import { canCustomerAct, useMe } from "../../session";
import { SignForm } from "./SignForm";
import { LanguageChoice } from "./LanguageChoice";

/**
 * The agreement as a signing product shows it: first the PDF to download (exactly the document to
 * sign, with its SHA-256) and the language, then the document full width with its contents, then
 * the signature. Once signed, the download is the bytes signed, under their hash.
 */
export function SignAgreementPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = "" } = useParams();
  const [justSigned, setJustSigned] = useState(false);
  const state = useAgreementView(id);

  return (
    <Loaded state={state}>
      {({ agreement, document, documentError }) => {
        const title = t("agreement.titleN", { version: agreement.templateVersion });
        const canSign = agreement.status === "offered" && canCustomerAct(me) && document !== null && !justSigned;
        return (
          <>
            <p className="breadcrumb">
              <Link to="/portal">{t("nav.portal.overview")}</Link>
            </p>
            <PageHeader title={title} badge={<AgreementStatusBadge status={agreement.status} testId="agreement-status" />} />

            {justSigned ? (
              <Notice tone="success" testId="sign-confirmation">
                <h2>{t("sign.confirmedTitle")}</h2>
                <p>{agreement.status === "in_force" ? t("sign.confirmedInForce") : t("sign.confirmedAwaiting")}</p>
              </Notice>
            ) : null}

            {agreement.status === "offered" && !canCustomerAct(me) ? <Notice tone="info">{t("sign.notAllowed")}</Notice> : null}

            <div className="agreement-top">
              <AgreementHashCard agreement={agreement} document={document}>
                {canSign ? (
                  <a className="btn" href="#sign-heading" data-testid="go-to-sign">
                    {t("agreement.goToSign")}
                  </a>
                ) : null}
              </AgreementHashCard>
              {canSign ? <LanguageChoice agreement={agreement} onChosen={state.reload} /> : null}
            </div>

            <ErrorAlert error={documentError ?? undefined} />
            {document ? (
              <DocumentFrame html={document.html} title={title} after={canSign ? { id: "sign-heading", label: t("sign.heading") } : undefined} />
            ) : null}

            <div className={canSign && document ? "two-col two-col-even" : undefined}>
              {canSign && document ? (
                <SignForm
                  agreement={agreement}
                  document={document}
                  onSigned={(signed) => {
                    setJustSigned(true);
                    state.setData({ agreement: signed, document, documentError: null });
                    window.scrollTo({ top: 0 });
                  }}
                  onDocumentChanged={state.reload}
                />
              ) : null}
              <AgreementRecordCard agreement={agreement} />
            </div>
          </>
        );
      }}
    </Loaded>
  );
}
