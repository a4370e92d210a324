import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Notice } from "../../components/ErrorAlert";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { MeasureStatusBadge } from "../../components/StatusBadge";
import { MEASURE_THEMES, measuresReportUrl, type MeasureFilter } from "../../components/measures/measures-api";
import { formatDate } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import { canEditMeasures, useMe } from "../../session";
import { MeasureEditor } from "./measures/MeasureEditor";

const STATUSES = ["implemented", "planned", "retired"] as const;
const REVIEWS = ["due", "overdue"] as const;
const pickOf = <T extends string>(list: readonly T[], value: string | null): T | undefined => list.find((x) => x === value);

/** The measures register (art. 7, Annex 2): theme, owner, status, review due; filters in the address. */
export function MeasuresPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const editable = canEditMeasures(me);
  const [params, setParams] = useSearchParams();
  const filter: MeasureFilter = {
    theme: pickOf(MEASURE_THEMES, params.get("theme")),
    status: pickOf(STATUSES, params.get("status")),
    review: pickOf(REVIEWS, params.get("review")),
  };
  const state = useApi(() => unwrap(api.GET("/api/v1/measures", { params: { query: filter } })), [filter.theme, filter.status, filter.review]);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const update = (key: keyof MeasureFilter, value: string) => {
    const next = new URLSearchParams(params);
    if (value) {
      next.set(key, value);
    } else {
      next.delete(key);
    }
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageHeader
        title={t("measures.title")}
        subtitle={t("measures.intro")}
        actions={
          <>
            <a className="btn" href={measuresReportUrl("nl")} data-testid="measures-report-nl">
              {t("measures.reportNl")}
            </a>
            <a className="btn" href={measuresReportUrl("en")} data-testid="measures-report-en">
              {t("measures.reportEn")}
            </a>
            {editable ? (
              <>
                <Link className="btn" to="/admin/measures/publish" data-testid="annex2-publish-link">
                  {t("measures.publish.link")}
                </Link>
                <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="measure-new">
                  {t("measures.new")}
                </button>
              </>
            ) : null}
          </>
        }
      />
      {saved ? <Notice tone="success">{t("measures.saved", { code: saved })}</Notice> : null}
      {creating ? (
        <MeasureEditor
          measure={null}
          onCancel={() => setCreating(false)}
          onSaved={(m) => {
            setSaved(m.code);
            setCreating(false);
            state.reload();
          }}
        />
      ) : null}
      <form noValidate className="filters" role="search" aria-label={t("measures.filters.label")} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="measure-theme">{t("measures.theme")}</label>
          <select id="measure-theme" value={filter.theme ?? ""} onChange={(e) => update("theme", e.target.value)} data-testid="measure-theme-filter">
            <option value="">{t("measures.filters.allThemes")}</option>
            {MEASURE_THEMES.map((theme) => (
              <option key={theme} value={theme}>
                {t(`measures.themes.${theme}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="measure-status">{t("measures.status")}</label>
          <select id="measure-status" value={filter.status ?? ""} onChange={(e) => update("status", e.target.value)} data-testid="measure-status-filter">
            <option value="">{t("measures.filters.allStatuses")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.measure.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="measure-review">{t("measures.filters.review")}</label>
          <select id="measure-review" value={filter.review ?? ""} onChange={(e) => update("review", e.target.value)} data-testid="measure-review-filter">
            <option value="">{t("measures.filters.anyReview")}</option>
            {REVIEWS.map((r) => (
              <option key={r} value={r}>
                {t(`measures.filters.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      <Loaded state={state}>
        {(measures) =>
          measures.length === 0 ? (
            <p className="muted">{t("measures.none")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="measures-table">
                <thead>
                  <tr>
                    <th scope="col">{t("measures.measure")}</th>
                    <th scope="col">{t("measures.theme")}</th>
                    <th scope="col">{t("measures.owner")}</th>
                    <th scope="col">{t("measures.status")}</th>
                    <th scope="col">{t("measures.lastReviewedAt")}</th>
                    <th scope="col">{t("measures.reviewDue")}</th>
                  </tr>
                </thead>
                <tbody>
                  {measures.map((m) => (
                    <tr key={m.id} data-measure={m.code} data-overdue={m.reviewOverdue ? "true" : undefined}>
                      <td>
                        <Link to={`/admin/measures/${m.id}`}>
                          <strong>{pick(m.titleNl, m.titleEn)}</strong>
                        </Link>
                        <div className="small muted">
                          <code>{m.code}</code> · {pick(m.categoryNl, m.categoryEn)}
                        </div>
                      </td>
                      <td>{t(`measures.themes.${m.theme}`)}</td>
                      <td>{m.ownerName ?? "—"}</td>
                      <td>
                        <MeasureStatusBadge status={m.status} />
                      </td>
                      <td className="nowrap">{formatDate(m.lastReviewedAt)}</td>
                      <td className="nowrap">
                        {formatDate(m.reviewDueAt)}
                        {m.reviewOverdue ? <span className="badge badge-danger"> {t("measures.overdue")}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
