import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Agreement, AgreementDocument } from "../api/types";
import { AgreementFacts } from "./AgreementFacts";
import { HashBox } from "./HashBox";
import { SignaturesList } from "./SignaturesList";

/** The PDF's hash and its download, with `children` beside the download button (before signing the document to sign, after it the bytes signed), in a card. */
export function AgreementHashCard({ agreement, document, children }: { agreement: Agreement; document: AgreementDocument | null; children?: ReactNode }) {
  const signed = agreement.customerSignedAt !== null && agreement.documentSha256 !== null;
  return (
    <section className="card agreement-pdf" data-testid="agreement-pdf-card">
      <HashBox agreementId={agreement.id} sha256={signed ? agreement.documentSha256 : (document?.sha256 ?? null)} signed={signed}>
        {children}
      </HashBox>
    </section>
  );
}

/** What is on record for an agreement: its facts and both parties' signatures. */
export function AgreementRecordCard({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <h2>{t("agreement.details")}</h2>
      <AgreementFacts agreement={agreement} />
      <h3>{t("agreement.signatures")}</h3>
      <SignaturesList agreement={agreement} />
    </section>
  );
}
