import { useTranslation } from "react-i18next";
import type { ResponseOf } from "../../../api/types";
import { formatInstant } from "../../../lib/format";

/** A customer's ended agreement as the API answers it (GET /controllers/{id}/ending). */
export type Ending = NonNullable<ResponseOf<"/api/v1/controllers/{id}/ending", "get">["ending"]>;

/** A certificate's download link in a language: the PDF is rendered from what it stated when issued. */
export const certificateUrl = (id: string, lang: "nl" | "en") => `/api/v1/deletion-certificates/${id}?lang=${lang}`;

/** The deletion certificates of an ending, each with its SHA-256 and downloads in Dutch and English. */
export function CertificateList({ ending }: { ending: Ending }) {
  const { t } = useTranslation();
  if (ending.certificates.length === 0) {
    return (
      <p className="muted" data-testid="certificates-none">
        {t("ending.noCertificates")}
      </p>
    );
  }
  return (
    <ul className="plain" data-testid="certificates">
      {ending.certificates.map((c) => (
        <li key={c.id} data-testid="certificate" data-kind={c.kind}>
          <strong>
            {t(`ending.certificate.${c.kind}`)} {ending.reference}-{c.number}
          </strong>{" "}
          <span className="muted small">{formatInstant(c.issuedAt)}</span>{" "}
          <a href={certificateUrl(c.id, "nl")} download data-testid="certificate-nl">
            {t("ending.download")} (NL)
          </a>{" "}
          ·{" "}
          <a href={certificateUrl(c.id, "en")} download data-testid="certificate-en">
            {t("ending.download")} (EN)
          </a>
          <br />
          <span className="small muted">
            {t("ending.sha256")} <code className="hash">{c.sha256}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}
