import { useTranslation } from "react-i18next";
import type { Annex } from "../../../api/types";
import { AnnexChangesView } from "../../../components/AnnexChangesView";
import { AnnexContentView } from "../../../components/AnnexContentView";
import { diffAnnexContent } from "../../../lib/annex-diff";
import { formatInstant } from "../../../lib/format";

/** Every Annex 1 version of a customer, newest first, each with what changed from the one before. */
export function AnnexVersions({ annexes }: { annexes: readonly Annex[] }) {
  const { t } = useTranslation();
  if (annexes.length === 0) {
    return <p className="muted">{t("annex.none")}</p>;
  }
  const sorted = [...annexes].sort((a, b) => b.version - a.version);
  return (
    <ul className="plain annex-list" data-testid="annex-versions">
      {sorted.map((annex, index) => {
        const previous = sorted[index + 1];
        return (
          <li key={annex.version}>
            <details open={index === 0}>
              <summary>
                {t("annex.versionN", { version: annex.version })} · {formatInstant(annex.createdAt)}
                {annex.reason ? <span className="muted"> · {annex.reason}</span> : null}
              </summary>
              <AnnexContentView content={annex.content} />
              {previous ? (
                <>
                  <h4>{t("annex.changesSince", { version: previous.version })}</h4>
                  <AnnexChangesView changes={diffAnnexContent(previous.content, annex.content)} />
                </>
              ) : null}
            </details>
          </li>
        );
      })}
    </ul>
  );
}
