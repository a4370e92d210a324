import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Notice } from "../../components/ErrorAlert";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { MeasureStatusBadge } from "../../components/StatusBadge";
import { formatDate } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import { canEditMeasures, useMe } from "../../session";
import { MeasureEditor } from "./measures/MeasureEditor";

/** Annex 2: the technical and organisational measures, with owner, status and last review (art. 7). */
export function MeasuresPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const editable = canEditMeasures(me);
  const state = useApi(() => unwrap(api.GET("/api/v1/measures")), []);
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title={t("measures.title")}
        subtitle={t("measures.intro")}
        actions={
          editable ? (
            <button type="button" className="btn btn-primary" onClick={() => setEditing("new")} data-testid="measure-new">
              {t("measures.new")}
            </button>
          ) : null
        }
      />
      {saved ? <Notice tone="success">{t("measures.saved", { code: saved })}</Notice> : null}
      <Loaded state={state}>
        {(measures) => (
          <>
            {editing !== null ? (
              <MeasureEditor
                key={editing}
                measure={editing === "new" ? null : (measures.find((m) => m.id === editing) ?? null)}
                onCancel={() => setEditing(null)}
                onSaved={(m) => {
                  setSaved(m.code);
                  setEditing(null);
                  state.reload();
                }}
              />
            ) : null}
            {measures.length === 0 ? (
              <p className="muted">{t("measures.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="measures-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("measures.code")}</th>
                      <th scope="col">{t("measures.category")}</th>
                      <th scope="col">{t("measures.measure")}</th>
                      <th scope="col">{t("measures.owner")}</th>
                      <th scope="col">{t("measures.status")}</th>
                      <th scope="col">{t("measures.lastReviewedAt")}</th>
                      <th scope="col">
                        <span className="sr-only">{t("common.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {measures.map((m) => (
                      <tr key={m.id} data-measure={m.code}>
                        <td>
                          <code>{m.code}</code>
                        </td>
                        <td>{pick(m.categoryNl, m.categoryEn)}</td>
                        <td>
                          <strong>{pick(m.titleNl, m.titleEn)}</strong>
                          <p className="small muted clamp">{pick(m.descriptionNl, m.descriptionEn)}</p>
                        </td>
                        <td>{m.owner ?? "—"}</td>
                        <td>
                          <MeasureStatusBadge status={m.status} />
                        </td>
                        <td className="nowrap">{formatDate(m.lastReviewedAt)}</td>
                        <td className="actions">
                          {editable ? (
                            <button type="button" className="btn btn-small" onClick={() => setEditing(m.id)} data-testid="measure-edit">
                              {t("common.edit")}
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
