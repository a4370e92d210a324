import { useTranslation } from "react-i18next";
import type { Agreement } from "../api/types";
import { formatInstant } from "../lib/format";

/** Who signed, how, when and from where: the evidence shown beside an agreement. */
export function SignaturesList({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  if (agreement.signatures.length === 0) {
    return <p className="muted">{t("agreement.noSignatures")}</p>;
  }
  return (
    <ul className="plain signatures" data-testid="signatures">
      {agreement.signatures.map((s) => (
        <li key={`${s.party}-${s.signedAt}`} data-party={s.party}>
          <h4>{t(`agreement.parties.${s.party}`)}</h4>
          <dl className="facts">
            <div>
              <dt>{t("agreement.signedBy")}</dt>
              <dd>{s.typedName}</dd>
            </div>
            <div>
              <dt>{t("agreement.function")}</dt>
              <dd>{s.function}</dd>
            </div>
            <div>
              <dt>{t("agreement.signedAt")}</dt>
              <dd>{formatInstant(s.signedAt)}</dd>
            </div>
            <div>
              <dt>{t("agreement.method")}</dt>
              <dd>{t(`agreement.methods.${s.method}`)}</dd>
            </div>
            <div>
              <dt>{t("agreement.ip")}</dt>
              <dd data-testid="signature-ip">
                {s.ip === null
                  ? "—"
                  : s.ipSource === "forwarded"
                    ? t("agreement.ipForwarded", { ip: s.ip, proxy: s.proxyIp ?? "?" })
                    : s.ipSource === "socket"
                      ? t("agreement.ipSocket", { ip: s.ip })
                      : s.ip}
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
