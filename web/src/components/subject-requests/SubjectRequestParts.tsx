import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { subjectRequestFileUrl } from "../../api/client";
import type { SubjectRequestDetail, SubjectRequestSummary } from "../../api/types";
import { formatInstant } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import { ClockBadge } from "../cases/CaseParts";
import { Badge } from "../StatusBadge";

type Tone = Parameters<typeof Badge>[0]["tone"];
const STATUS_TONE: Record<SubjectRequestSummary["status"], Tone> = {
  unconfirmed: "neutral",
  received: "warning",
  forwarded: "info",
  not_ours: "neutral",
  closed: "success",
};

/** A request's status in words; data-status carries the machine value. */
export function SubjectRequestStatus({ status }: { status: SubjectRequestSummary["status"] }) {
  const { t } = useTranslation();
  return (
    <span data-testid="subject-request-status" data-status={status}>
      <Badge tone={STATUS_TONE[status]}>{t(`subjectRequests.statuses.${status}`)}</Badge>
    </span>
  );
}

/** The requests as a table, newest first; each links to its page under `base`. */
export function SubjectRequestsTable({ list, base, staff }: { list: SubjectRequestSummary[]; base: string; staff: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="subject-requests-table">
        <thead>
          <tr>
            <th scope="col">{t("subjectRequests.reference")}</th>
            <th scope="col">{t("subjectRequests.right")}</th>
            <th scope="col">{t("subjectRequests.status")}</th>
            <th scope="col">{t("subjectRequests.receivedAt")}</th>
            {staff ? <th scope="col">{t("subjectRequests.dueAt")}</th> : null}
            {staff ? <th scope="col">{t("subjectRequests.customer")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} data-testid="subject-request-row" data-reference={r.reference}>
              <td className="nowrap">
                <Link to={`${base}/${r.id}`} data-testid="subject-request-open">
                  {r.reference}
                </Link>
              </td>
              <td>{pick(r.rightLabel.nl, r.rightLabel.en)}</td>
              <td>
                <SubjectRequestStatus status={r.status} />
              </td>
              <td className="small nowrap">{formatInstant(r.receivedAt)}</td>
              {staff ? (
                <td className="small nowrap">
                  {formatInstant(r.dueAt)} <ClockBadge clock={r.clock} />
                </td>
              ) : null}
              {staff ? <td>{r.customerName ?? "—"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** What the data subject wrote, with the files as received; or that it was erased. */
export function SubjectRequestContent({ detail }: { detail: SubjectRequestDetail }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const c = detail.content;
  return (
    <section className="card" data-testid="subject-request-content">
      <h2>{t("subjectRequests.content.title")}</h2>
      {c === null ? (
        <p className="muted" data-testid="subject-request-erased">
          {t("subjectRequests.content.erased", { at: formatInstant(detail.erasedAt) })}
        </p>
      ) : (
        <dl className="facts">
          <div>
            <dt>{t("subjectRequests.right")}</dt>
            <dd>{pick(detail.rightLabel.nl, detail.rightLabel.en)}</dd>
          </div>
          <div>
            <dt>{t("subjectRequests.content.name")}</dt>
            <dd>{c.name}</dd>
          </div>
          {c.email ? (
            <div>
              <dt>{t("subjectRequests.content.email")}</dt>
              <dd>{c.email}</dd>
            </div>
          ) : null}
          {c.phone ? (
            <div>
              <dt>{t("subjectRequests.content.phone")}</dt>
              <dd>{c.phone}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("subjectRequests.content.organisation")}</dt>
            <dd>{c.organisation}</dd>
          </div>
          {c.website ? (
            <div>
              <dt>{t("subjectRequests.content.website")}</dt>
              <dd>{c.website}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("subjectRequests.content.message")}</dt>
            <dd className="prewrap">{c.message}</dd>
          </div>
          <div>
            <dt>{t("subjectRequests.source")}</dt>
            <dd>
              {pick(detail.sourceLabel.nl, detail.sourceLabel.en)} · {formatInstant(detail.receivedAt)}
            </dd>
          </div>
          {detail.files.length > 0 ? (
            <div>
              <dt>{t("subjectRequests.content.files")}</dt>
              <dd>
                <ul className="plain">
                  {detail.files.map((f) => (
                    <li key={f.id}>
                      <a href={subjectRequestFileUrl(f.id)} data-testid="subject-request-file">
                        {f.fileName}
                      </a>{" "}
                      <span className="muted small mono">{f.sha256.slice(0, 16)}…</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
        </dl>
      )}
      <p className="small muted">{t("subjectRequests.content.sha")}:</p>
      <code className="hash" data-testid="subject-request-sha">
        {detail.contentSha256}
      </code>
      {detail.eraseAfter && !detail.erasedAt ? (
        <p className="small muted">{t("subjectRequests.content.eraseAfter", { at: formatInstant(detail.eraseAfter) })}</p>
      ) : null}
    </section>
  );
}
