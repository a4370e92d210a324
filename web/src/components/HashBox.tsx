import { useTranslation } from "react-i18next";
import { agreementPdfUrl } from "../api/client";

/** The SHA-256 of the PDF and the link to download it: what a signer can check afterwards. */
export function HashBox({ agreementId, sha256, label, signed = false }: { agreementId: string; sha256: string | null; label: string; signed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="hash-box">
      <p className="hash-label">{label}</p>
      <p>
        <code className="hash" data-testid="sign-hash">
          {sha256 ?? "—"}
        </code>
      </p>
      <p>
        <a className="btn" href={agreementPdfUrl(agreementId)} download data-testid="download-pdf">
          {t("agreement.downloadPdf")}
        </a>
      </p>
      {signed && sha256 ? (
        <p className="muted">
          <a href={agreementPdfUrl(agreementId, "as-signed")} download data-testid="download-as-signed">
            {t("agreement.downloadAsSigned")}
          </a>{" "}
          {t("agreement.asSignedHelp")}
        </p>
      ) : null}
    </div>
  );
}
