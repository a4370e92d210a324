import { useTranslation } from "react-i18next";
import type { Agreement, AgreementDocument } from "../api/types";
import { AgreementFacts } from "./AgreementFacts";
import { HashBox } from "./HashBox";
import { SignaturesList } from "./SignaturesList";

/** The document's hash and downloads, in a card. */
export function AgreementHashCard({ agreement, document }: { agreement: Agreement; document: AgreementDocument | null }) {
  const { t } = useTranslation();
  return (
    <section className="card">
      <HashBox
        agreementId={agreement.id}
        sha256={agreement.documentSha256 ?? document?.sha256 ?? null}
        label={agreement.customerSignedAt ? t("agreement.signedHash") : t("agreement.documentHash")}
        signed={agreement.customerSignedAt !== null}
      />
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
