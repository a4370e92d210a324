import { useTranslation } from "react-i18next";
import { api, multipart, unwrap } from "../../api/client";
import type { CaseDetail, CaseSummary } from "../../api/types";
import { formatEuros, formatInstant } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import { Badge } from "../StatusBadge";
import { Thread } from "../threads/Thread";

type Tone = Parameters<typeof Badge>[0]["tone"];

const STATUS_TONE: Record<CaseSummary["status"], Tone> = { open: "info", estimated: "warning", accepted: "info", declined: "neutral", closed: "success" };
const CLOCK_TONE: Record<CaseSummary["clock"], Tone> = { running: "info", overdue: "danger", met_in_time: "success", met_late: "warning", none: "neutral" };

/** A case's status in words; data-status carries the machine value. */
export function CaseStatusBadge({ status }: { status: CaseSummary["status"] }) {
  const { t } = useTranslation();
  return (
    <span data-testid="case-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`cases.statuses.${status}`)}</Badge>
    </span>
  );
}

/** Where the processor's answer stands against its term. */
export function ClockBadge({ clock }: { clock: CaseSummary["clock"] }) {
  const { t } = useTranslation();
  return (
    <span data-testid="case-clock" data-clock={clock}>
      <Badge tone={CLOCK_TONE[clock]}>{t(`cases.clock.${clock}`)}</Badge>
    </span>
  );
}

/** The customer's request as asked: the fields of its kind (DPIA help: what, which services, by when). */
export function RequestFacts({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const r = detail.request;
  const text = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) ? v.join(", ") : "");
  const rows: [string, string][] = [];
  if (typeof r.subject === "string") {
    rows.push([
      t("cases.requestFacts.subject"),
      r.subject === "dpia" || r.subject === "prior_consultation" ? t(`cases.form.subjects.${r.subject}`) : r.subject,
    ]);
  }
  if (typeof r.subjectRequest === "string") {
    rows.push([t("cases.requestFacts.subjectRequest"), r.subjectRequest]);
  }
  if (typeof r.purpose === "string") {
    rows.push([t("cases.requestFacts.purpose"), r.purpose]);
  }
  if (typeof r.description === "string") {
    rows.push([t("cases.requestFacts.description"), r.description]);
  }
  if (typeof r.data === "string") {
    rows.push([t("cases.requestFacts.data"), r.data]);
  }
  if (typeof r.from === "string") {
    rows.push([t("cases.requestFacts.from"), r.from]);
  }
  if (typeof r.question === "string") {
    rows.push([t("cases.requestFacts.question"), r.question]);
  }
  if (Array.isArray(r.measures) && r.measures.length > 0) {
    rows.push([t("cases.requestFacts.measures"), text(r.measures)]);
  }
  if (typeof r.standard === "string" && r.standard !== "") {
    rows.push([t("cases.requestFacts.standard"), r.standard]);
  }
  if (r.what !== undefined) {
    rows.push([t("cases.requestFacts.what"), text(r.what)]);
  }
  if (Array.isArray(r.services) && r.services.length > 0) {
    rows.push([t("cases.requestFacts.services"), text(r.services)]);
  }
  if (typeof r.neededBy === "string") {
    rows.push([t("cases.requestFacts.neededBy"), r.neededBy]);
  }
  if (typeof r.reference === "string" && r.reference !== "") {
    rows.push([t("cases.requestFacts.reference"), r.reference]);
  }
  return (
    <dl className="facts" data-testid="case-request">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd className="prewrap">{value}</dd>
        </div>
      ))}
      <div>
        <dt>{t("cases.askedBy")}</dt>
        <dd>
          {detail.askedByName} · {formatInstant(detail.askedAt)}
        </dd>
      </div>
      <div>
        <dt>{t("cases.dueAt")}</dt>
        <dd>
          {formatInstant(detail.dueAt)} <ClockBadge clock={detail.clock} />
        </dd>
      </div>
    </dl>
  );
}

/** The case's heading facts: reference, kind, status, outcome. */
export function CaseHeadline({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <p className="muted">
      {detail.reference} · {pick(detail.kindLabel.nl, detail.kindLabel.en)} (art. {detail.article}) · <CaseStatusBadge status={detail.status} />
      {detail.outcomeLabel ? (
        <>
          {" "}
          · {t("cases.outcome")}: <strong data-testid="case-outcome">{pick(detail.outcomeLabel.nl, detail.outcomeLabel.en)}</strong>
        </>
      ) : null}
    </p>
  );
}

/** The estimates, newest last, each with its figures and what the customer decided. */
export function EstimatesList({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (detail.estimates.length === 0) {
    return <p className="muted">{t("cases.estimate.none")}</p>;
  }
  return (
    <ul>
      {detail.estimates.map((e) => (
        <li key={e.id} data-testid="estimate" data-status={e.status}>
          <strong data-testid="estimate-total">{formatEuros(e.totalCents, lang)}</strong> ·{" "}
          {e.method === "hourly" && e.hoursHundredths !== null && e.hourlyRateCents !== null
            ? t("cases.estimate.hourly", { hours: (e.hoursHundredths / 100).toLocaleString(lang), rate: formatEuros(e.hourlyRateCents, lang) })
            : t("cases.estimate.fixed")}{" "}
          ·{" "}
          <Badge tone={e.status === "accepted" ? "success" : e.status === "proposed" ? "warning" : "neutral"}>{t(`cases.estimate.statuses.${e.status}`)}</Badge>
          <div className="prewrap">{e.description}</div>
          {e.decidedAt && e.decidedByName ? (
            <p className="small muted">
              {t(e.status === "declined" ? "cases.estimate.declined" : "cases.estimate.accepted", { name: e.decidedByName, at: formatInstant(e.decidedAt) })}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Time and cost entries with their amounts; staff may void one (onVoid). */
export function EntriesTable({ detail, onVoid }: { detail: CaseDetail; onVoid?: (entryId: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  if (detail.entries.length === 0) {
    return <p className="muted">{t("cases.entries.none")}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table" data-testid="entries-table">
        <thead>
          <tr>
            <th scope="col">{t("cases.entries.date")}</th>
            <th scope="col">{t("cases.entries.type")}</th>
            <th scope="col">{t("cases.entries.description")}</th>
            <th scope="col" className="num">
              {t("cases.entries.minutes")}
            </th>
            <th scope="col" className="num">
              {t("cases.entries.amount")}
            </th>
            <th scope="col">{t("cases.entries.billable")}</th>
            {onVoid ? <th scope="col">{t("common.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {detail.entries.map((e) => (
            <tr key={e.id} data-testid="entry-row" data-type={e.type} className={e.voidedAt ? "muted" : undefined}>
              <td className="nowrap">{e.workDate}</td>
              <td>{t(`cases.entries.types.${e.type}`)}</td>
              <td>
                {e.description}
                {e.voidedAt ? <Badge tone="neutral">{t("cases.entries.voided")}</Badge> : null}
                {e.exported ? <Badge tone="info">{t("cases.entries.exported")}</Badge> : null}
              </td>
              <td className="num">{e.minutes ?? "—"}</td>
              <td className="num nowrap">{formatEuros(e.amountCents, lang)}</td>
              <td>{e.billable ? t("cases.entries.yes") : t("cases.entries.no")}</td>
              {onVoid ? (
                <td>
                  {e.type !== "credit" && !e.voidedAt ? (
                    <button type="button" className="btn btn-small" onClick={() => onVoid(e.id)} data-testid="entry-void">
                      {t("cases.entries.void")}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="small">
        {t("cases.entries.total")}: <strong data-testid="billable-total">{formatEuros(detail.billableCents, lang)}</strong>
      </p>
    </div>
  );
}

/** The case's thread; the deliverable arrives in it as the closing message's attachments. */
export function CaseThread({ detail, canWrite }: { detail: CaseDetail; canWrite: boolean }) {
  const { t } = useTranslation();
  const path = { params: { path: { id: detail.id } } };
  return (
    <Thread
      testId="case-thread"
      formId={detail.id}
      reloadKey={`${detail.messageCount}-${detail.status}`}
      open={detail.status !== "closed" && detail.status !== "declined"}
      canWrite={canWrite}
      closedText={t("cases.threadClosed")}
      load={() => unwrap(api.GET("/api/v1/cases/{id}/messages", path))}
      send={(body, files) => {
        if (files.length === 0) {
          return unwrap(api.POST("/api/v1/cases/{id}/messages", { ...path, body: { body } }));
        }
        const form = new FormData();
        form.append("body", body);
        for (const file of files) {
          form.append("files", file, file.name);
        }
        return unwrap(api.POST("/api/v1/cases/{id}/messages", { ...path, body: multipart<{ body: string }>(form) }));
      }}
    />
  );
}
