import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { agreementPdfUrl } from "../api/client";

/**
 * The SHA-256 of the agreement's PDF with, right under it, the button that downloads exactly that
 * PDF: before signing the document to sign (the hash the signature compares), once signed the bytes
 * signed (the server's default for a signed agreement). A copy re-rendered with a signature page is
 * offered apart, labelled as not the signed bytes: its hash differs.
 */
export function HashBox({ agreementId, sha256, signed, children }: { agreementId: string; sha256: string | null; signed: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="hash-box">
      <p className="hash-label" id={`hash-${agreementId}`}>
        {signed ? t("agreement.signedHash") : t("agreement.documentHash")}
      </p>
      <code className="hash" data-testid="document-hash">
        {sha256 ?? "—"}
      </code>
      <p className="hash-download">
        <a className="btn btn-primary" href={agreementPdfUrl(agreementId)} download data-testid="download-pdf" aria-describedby={`hash-${agreementId}`}>
          {signed ? t("agreement.downloadSigned") : t("agreement.downloadToRead")}
        </a>
        {children}
      </p>
      <p className="hint">{signed ? t("agreement.signedHelp") : t("agreement.toSignHelp")}</p>
      {signed ? (
        <p className="muted hash-rerendered">
          <a href={agreementPdfUrl(agreementId, "with-signatures")} download data-testid="download-rerendered">
            {t("agreement.downloadRerendered")}
          </a>{" "}
          {t("agreement.rerenderedHelp")}
        </p>
      ) : null}
    </div>
  );
}
