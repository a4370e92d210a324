import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, multipart, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { MeasureStatusBadge } from "../../../components/StatusBadge";
import { evidenceUrl, type MeasureDetail } from "../../../components/measures/measures-api";
import { formatDate, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { canEditMeasures, useMe } from "../../../session";
import { MeasureEditor } from "./MeasureEditor";

/** One measure of the register: its details, review history, evidence files; record a review, upload evidence (art. 7). */
export function MeasurePage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { id = "" } = useParams();
  const editable = canEditMeasures(useMe());
  const state = useApi(() => unwrap(api.GET("/api/v1/measures/{id}", { params: { path: { id } } })), [id]);
  const [editing, setEditing] = useState(false);
  return (
    <Loaded state={state}>
      {(detail) => (
        <>
          <p>
            <Link to="/admin/measures">{t("measures.back")}</Link>
          </p>
          <PageHeader
            title={pick(detail.measure.titleNl, detail.measure.titleEn)}
            badge={<MeasureStatusBadge status={detail.measure.status} />}
            actions={
              editable && !editing ? (
                <button type="button" className="btn" onClick={() => setEditing(true)} data-testid="measure-edit">
                  {t("common.edit")}
                </button>
              ) : null
            }
          />
          {editing ? (
            <MeasureEditor
              measure={detail.measure}
              onCancel={() => setEditing(false)}
              onSaved={() => {
                setEditing(false);
                state.reload();
              }}
            />
          ) : (
            <Facts detail={detail} />
          )}
          <Reviews detail={detail} editable={editable} onRecorded={(d) => state.setData(d)} />
          <Evidence detail={detail} editable={editable} onUploaded={() => state.reload()} />
        </>
      )}
    </Loaded>
  );
}

function Facts({ detail }: { detail: MeasureDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const m = detail.measure;
  return (
    <section className="card" aria-labelledby="measure-details">
      <h2 id="measure-details">{t("measures.details")}</h2>
      <dl className="facts" data-testid="measure-facts">
        <div>
          <dt>{t("measures.code")}</dt>
          <dd>
            <code>{m.code}</code>
          </dd>
        </div>
        <div>
          <dt>{t("measures.theme")}</dt>
          <dd>{t(`measures.themes.${m.theme}`)}</dd>
        </div>
        <div>
          <dt>{t("measures.category")}</dt>
          <dd>{pick(m.categoryNl, m.categoryEn)}</dd>
        </div>
        <div>
          <dt>{t("measures.owner")}</dt>
          <dd>{m.ownerName ?? t("measures.noOwner")}</dd>
        </div>
        <div>
          <dt>{t("measures.reviewInterval")}</dt>
          <dd>{m.reviewIntervalMonths}</dd>
        </div>
        <div>
          <dt>{t("measures.lastReviewedAt")}</dt>
          <dd data-testid="measure-last-review">{formatDate(m.lastReviewedAt)}</dd>
        </div>
        <div>
          <dt>{t("measures.reviewDue")}</dt>
          <dd data-testid="measure-review-due">
            {formatInstant(m.reviewDueAt)}
            {m.reviewOverdue ? <span className="badge badge-danger"> {t("measures.overdue")}</span> : null}
          </dd>
        </div>
      </dl>
      <p>{pick(m.descriptionNl, m.descriptionEn)}</p>
    </section>
  );
}

function Reviews({ detail, editable, onRecorded }: { detail: MeasureDetail; editable: boolean; onRecorded: (d: MeasureDetail) => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState("");
  const [done, setDone] = useState(false);
  const record = useAction(() => unwrap(api.POST("/api/v1/measures/{id}/reviews", { params: { path: { id: detail.measure.id } }, body: { note } })));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await record.execute();
    if (result.ok) {
      setNote("");
      setDone(true);
      onRecorded(result.value);
    }
  }
  const f = record.error?.fieldMessages() ?? {};
  return (
    <section className="card" aria-labelledby="measure-reviews">
      <h2 id="measure-reviews">{t("measures.reviews")}</h2>
      {done ? (
        <Notice tone="success" testId="review-recorded">
          {t("measures.reviewRecorded")}
        </Notice>
      ) : null}
      {detail.reviews.length === 0 ? (
        <p className="muted">{t("measures.noReviews")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="measure-reviews-table">
            <thead>
              <tr>
                <th scope="col">{t("measures.lastReviewedAt")}</th>
                <th scope="col">{t("measures.reviewedBy")}</th>
                <th scope="col">{t("measures.note")}</th>
                <th scope="col">{t("measures.inTime")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.reviews.map((r) => (
                <tr key={r.id}>
                  <td className="nowrap">{formatInstant(r.reviewedAt)}</td>
                  <td>{r.reviewerName ?? "—"}</td>
                  <td className="pre-wrap">{r.note}</td>
                  <td>{r.inTime === null ? t("measures.noDuty") : r.inTime ? t("measures.inTime") : t("measures.late")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable && detail.measure.status === "implemented" ? (
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="review-form">
          <h3>{t("measures.recordReview")}</h3>
          <ErrorAlert error={record.error} />
          <TextAreaField
            label={t("measures.note")}
            value={note}
            onChange={setNote}
            required
            rows={3}
            error={f.note}
            hint={t("measures.recordReviewHint")}
            testId="review-note"
          />
          <button type="submit" className="btn btn-primary" disabled={record.busy} data-testid="review-submit">
            {t("measures.recordReview")}
          </button>
        </form>
      ) : null}
    </section>
  );
}

function Evidence({ detail, editable, onUploaded }: { detail: MeasureDetail; editable: boolean; onUploaded: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [done, setDone] = useState(false);
  const upload = useAction(() => {
    const form = new FormData();
    if (file) {
      form.append("file", file, file.name);
    }
    return unwrap(api.POST("/api/v1/measures/{id}/evidence", { params: { path: { id: detail.measure.id } }, body: multipart<{ file?: string }>(form) }));
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await upload.execute();
    if (result.ok) {
      setFile(null);
      setDone(true);
      if (input.current) {
        input.current.value = "";
      }
      onUploaded();
    }
  }
  const f = upload.error?.fieldMessages() ?? {};
  return (
    <section className="card" aria-labelledby="measure-evidence">
      <h2 id="measure-evidence">{t("measures.evidence")}</h2>
      <p className="hint">{t("measures.evidenceHint")}</p>
      {done ? (
        <Notice tone="success" testId="evidence-uploaded">
          {t("measures.uploaded")}
        </Notice>
      ) : null}
      {detail.evidence.length === 0 ? (
        <p className="muted">{t("measures.noEvidence")}</p>
      ) : (
        <ul className="plain" data-testid="evidence-list">
          {detail.evidence.map((e) => (
            <li key={e.id}>
              <a href={evidenceUrl(detail.measure.id, e.id)} download={e.fileName}>
                {e.fileName}
              </a>{" "}
              <span className="small muted">
                {formatInstant(e.uploadedAt)} · {e.uploadedByName ?? "—"} · {t("measures.sha256")} <code className="hash">{e.sha256}</code>
              </span>
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="evidence-form">
          <ErrorAlert error={upload.error} />
          <div className="field">
            <label htmlFor="evidence-file">{t("measures.file")}</label>
            <input
              id="evidence-file"
              ref={input}
              type="file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-invalid={f.file ? true : undefined}
              data-testid="evidence-file"
            />
            {f.file ? <p className="field-error">{f.file}</p> : null}
          </div>
          <button type="submit" className="btn" disabled={upload.busy || file === null} data-testid="evidence-submit">
            {t("measures.upload")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
