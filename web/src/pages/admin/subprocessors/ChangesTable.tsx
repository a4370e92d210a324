import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SubprocessorChange } from "../../../api/types";
import { ChangeStatusBadge } from "../../../components/subprocessors/badges";
import { formatDate, formatInstant } from "../../../lib/format";

/** Announced changes (staff view): what, status, window close, effective date, reach and objections. */
export function ChangesTable({ changes }: { changes: readonly SubprocessorChange[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="changes-table">
        <thead>
          <tr>
            <th scope="col">{t("changes.change")}</th>
            <th scope="col">{t("changes.status")}</th>
            <th scope="col">{t("changes.windowClosesAt")}</th>
            <th scope="col">{t("changes.effectiveAt")}</th>
            <th scope="col" className="num">
              {t("changes.affected")}
            </th>
            <th scope="col" className="num">
              {t("changes.objections")}
            </th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => (
            <tr key={c.id} data-testid="change-row">
              <td>
                <Link to={`/admin/subprocessors/changes/${c.id}`} data-testid="change-open">
                  {t("changes.titleOf", { kind: t(`changes.kinds.${c.kind}`), name: c.subprocessor.name })}
                </Link>
                {c.replaces ? (
                  <div className="muted small">
                    {t("changes.replaces")}: {c.replaces.name}
                  </div>
                ) : null}
                <div className="muted small">
                  {t("changes.announcedAt")} {formatDate(c.announcedAt)}
                </div>
              </td>
              <td>
                <ChangeStatusBadge status={c.status} />
              </td>
              <td className="nowrap">{formatInstant(c.windowClosesAt)}</td>
              <td className="nowrap">{formatInstant(c.appliedAt ?? c.effectiveAt)}</td>
              <td className="num">{c.affectedCount ?? "—"}</td>
              <td className="num">{c.objections ? t("changes.objectionsN", { total: c.objections.total, open: c.objections.open }) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
