import { useTranslation } from "react-i18next";
import { auditFileUrl } from "../../api/client";
import { Notice } from "../ErrorAlert";
import { PageHeader } from "../PageHeader";
import { Badge } from "../StatusBadge";
import { formatEuros, formatInstant, shortHash } from "../../lib/format";
import { useLang } from "../../lib/useLang";
import {
  AcceptDateButton,
  AcceptExpertButton,
  ActionForm,
  AgreeFindingButton,
  AnswerForm,
  AskForm,
  CompleteActionButton,
  CostForm,
  DateForm,
  ExpertForm,
  FindingForm,
  RefuseForm,
  type AuditDetail,
} from "./AuditForms";

type Props = { audit: AuditDetail; onChange: (a: AuditDetail) => void; back: React.ReactNode };

function FileLink({ file }: { file: { id: string; fileName: string; sha256: string } }) {
  return (
    <span className="small">
      <a href={auditFileUrl(file.id)} data-testid="audit-file">
        {file.fileName}
      </a>{" "}
      <span className="muted mono" title={file.sha256}>
        SHA-256 {shortHash(file.sha256)}
      </span>
    </span>
  );
}

/** One audit (art. 10) as either party sees it: the same page in the portal and the back-office, with the acts that party may take. */
export function AuditView({ audit, onChange, back }: Props) {
  const { t, i18n } = useTranslation();
  const { pick } = useLang();
  const side = audit.yourSide;
  const staff = side === "processor";
  const open = audit.status !== "refused";
  const agreedExpert = audit.experts.find((e) => e.id === audit.expertId);
  const openProposal = audit.experts.find((e) => e.status === "proposed");
  const total = formatEuros(audit.costsTotalCents, i18n.language);
  return (
    <>
      <PageHeader
        title={staff ? `${audit.reference} · ${audit.customerName}` : audit.reference}
        badge={
          <Badge tone={audit.status === "refused" ? "danger" : audit.stage === "scheduled" ? "success" : "info"} testId="audit-stage">
            {pick(audit.stageLabel.nl, audit.stageLabel.en)}
          </Badge>
        }
        actions={back}
      />
      <Notice tone="info" testId="audit-confidential">
        {t("audits.confidential")}
      </Notice>
      <section className="card" data-testid="audit-facts">
        <dl className="facts">
          <div>
            <dt>{t("audits.requestedAt")}</dt>
            <dd>
              {formatInstant(audit.requestedAt)} · {audit.requestedByName}
            </dd>
          </div>
          <div>
            <dt>{t("audits.earliestAt")}</dt>
            <dd data-testid="audit-earliest">{formatInstant(audit.earliestAt)}</dd>
          </div>
          <div>
            <dt>{t("audits.reason")}</dt>
            <dd className="prewrap" data-testid="audit-reason">
              {audit.reason}
            </dd>
          </div>
          {audit.refusal ? (
            <div>
              <dt>{t("audits.refused")}</dt>
              <dd className="prewrap" data-testid="audit-refusal">
                {formatInstant(audit.refusedAt)} · {audit.refusal}
              </dd>
            </div>
          ) : null}
        </dl>
        {staff && open && !audit.expertId && !audit.dateAgreed ? <RefuseForm audit={audit} onDone={onChange} /> : null}
      </section>

      <section className="card" aria-labelledby="audit-expert-heading">
        <h2 id="audit-expert-heading">{t("audits.expert.title")}</h2>
        <p className="hint">{t("audits.expert.intro")}</p>
        {agreedExpert ? (
          <p data-testid="audit-expert-agreed">
            <strong>{t("audits.expert.agreed")}:</strong> {agreedExpert.name}, {agreedExpert.firm}
          </p>
        ) : null}
        {audit.experts.length === 0 ? (
          <p className="muted">{t("audits.expert.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="audit-experts">
              <thead>
                <tr>
                  <th scope="col">{t("audits.expert.name")}</th>
                  <th scope="col">{t("audits.expert.firm")}</th>
                  <th scope="col">{t("audits.expert.undertaking")}</th>
                  <th scope="col">{t("audits.expert.proposedBy")}</th>
                  <th scope="col">{t("audits.expert.status")}</th>
                </tr>
              </thead>
              <tbody>
                {audit.experts.map((e) => (
                  <tr key={e.id} data-testid="audit-expert-row" data-status={e.status}>
                    <td>{e.name}</td>
                    <td>{e.firm}</td>
                    <td>{e.undertaking ? <FileLink file={e.undertaking} /> : "—"}</td>
                    <td className="small">
                      {t(`audits.sides.${e.side}`)} · {e.proposedByName} · {formatInstant(e.proposedAt)}
                    </td>
                    <td>
                      {t(`audits.expert.statuses.${e.status}`)}{" "}
                      {open && e.status === "proposed" && e.side !== side && !audit.expertId ? (
                        <AcceptExpertButton audit={audit} expertId={e.id} onDone={onChange} />
                      ) : null}
                      {e.status === "proposed" && e.side === side ? <span className="muted small">{t("audits.expert.waiting")}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open && !audit.expertId ? <ExpertForm audit={audit} onDone={onChange} other={openProposal !== undefined} /> : null}
      </section>

      <section className="card" aria-labelledby="audit-date-heading">
        <h2 id="audit-date-heading">{t("audits.dateForm.title")}</h2>
        <p className="hint">{t("audits.dateForm.intro", { earliest: formatInstant(audit.earliestAt) })}</p>
        {audit.dateAt ? (
          <p data-testid="audit-date">
            <strong>{formatInstant(audit.dateAt)}</strong> ·{" "}
            {audit.dateAgreed ? (
              <Badge tone="success" testId="audit-date-agreed">
                {t("audits.dateForm.agreed")}
              </Badge>
            ) : (
              t("audits.dateForm.proposedBy", { side: t(`audits.sides.${audit.dateProposedBy ?? "customer"}`) })
            )}
          </p>
        ) : (
          <p className="muted">{t("audits.dateForm.none")}</p>
        )}
        {open && audit.dateAt && !audit.dateAgreed && audit.dateProposedBy !== side ? <AcceptDateButton audit={audit} onDone={onChange} /> : null}
        {open && audit.dateAt && !audit.dateAgreed && audit.dateProposedBy === side ? <p className="muted small">{t("audits.dateForm.waiting")}</p> : null}
        {open && !audit.dateAgreed ? <DateForm audit={audit} onDone={onChange} /> : null}
      </section>

      <section className="card" aria-labelledby="audit-info-heading">
        <h2 id="audit-info-heading">{t("audits.information.title")}</h2>
        <p className="hint">{t("audits.information.intro")}</p>
        {audit.informationRequests.length === 0 ? <p className="muted">{t("audits.information.none")}</p> : null}
        {audit.informationRequests.map((r) => (
          <article key={r.id} className="card" data-testid="audit-request" data-answered={r.answeredAt ? "true" : "false"}>
            <p className="small muted">
              {t("audits.information.askedBy")} {t(`audits.information.askers.${r.askedBy}`)} · {r.askedByName} · {formatInstant(r.askedAt)} ·{" "}
              {t("audits.information.dueAt")} {formatInstant(r.dueAt)}{" "}
              {r.answeredAt ? (
                <Badge tone={r.inTime ? "success" : "danger"} testId="audit-request-timely">
                  {r.inTime ? t("audits.information.inTime") : t("audits.information.late")}
                </Badge>
              ) : (
                <Badge tone={r.overdue ? "danger" : "warning"}>{r.overdue ? t("audits.information.overdue") : t("audits.information.open")}</Badge>
              )}
            </p>
            <p className="prewrap">{r.question}</p>
            {r.answer ? (
              <div data-testid="audit-answer">
                <p className="prewrap">
                  <strong>{t("audits.information.answer")}:</strong> {r.answer}
                </p>
                <ul className="plain">
                  {r.files.map((f) => (
                    <li key={f.id}>
                      <FileLink file={f} />
                    </li>
                  ))}
                </ul>
              </div>
            ) : staff && open ? (
              <AnswerForm audit={audit} requestId={r.id} onDone={onChange} />
            ) : null}
          </article>
        ))}
        {open ? <AskForm audit={audit} onDone={onChange} /> : null}
      </section>

      <section className="card" aria-labelledby="audit-findings-heading">
        <h2 id="audit-findings-heading">{t("audits.findings.title")}</h2>
        <p className="hint">{t("audits.findings.intro")}</p>
        {audit.findings.length === 0 ? <p className="muted">{t("audits.findings.none")}</p> : null}
        {audit.findings.map((f) => (
          <article key={f.id} className="card" data-testid="audit-finding">
            <h3>{f.title}</h3>
            <p className="prewrap">{f.description}</p>
            <p className="prewrap">
              <strong>{t("audits.findings.assessment")}:</strong> {f.assessment}
            </p>
            <p className="small muted">
              {t("audits.findings.recordedBy", { side: t(`audits.sides.${f.side}`) })} · {f.recordedByName} · {formatInstant(f.recordedAt)}{" "}
              {f.agreedAt ? (
                <Badge tone="success" testId="audit-finding-agreed">
                  {t("audits.findings.agreed")}
                </Badge>
              ) : (
                <Badge tone="warning">{t("audits.findings.waiting")}</Badge>
              )}
            </p>
            {open && !f.agreedAt && f.side !== side ? <AgreeFindingButton audit={audit} findingId={f.id} onDone={onChange} /> : null}
          </article>
        ))}
        {open ? <FindingForm audit={audit} onDone={onChange} /> : null}
        <h3>{t("audits.actions.title")}</h3>
        {audit.actions.length === 0 ? (
          <p className="muted">{t("audits.actions.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="audit-actions">
              <thead>
                <tr>
                  <th scope="col">{t("audits.actions.description")}</th>
                  <th scope="col">{t("audits.actions.carriedBy")}</th>
                  <th scope="col">{t("audits.actions.owner")}</th>
                  <th scope="col">{t("audits.actions.dueDate")}</th>
                  <th scope="col">{t("audits.actions.done")}</th>
                </tr>
              </thead>
              <tbody>
                {audit.actions.map((a) => (
                  <tr key={a.id} data-testid="audit-action-row">
                    <td className="prewrap">{a.description}</td>
                    <td>{pick(a.carriedByLabel.nl, a.carriedByLabel.en)}</td>
                    <td>{a.owner}</td>
                    <td className="nowrap small">
                      {formatInstant(a.dueAt)} {a.overdue ? <Badge tone="danger">{t("audits.information.overdue")}</Badge> : null}
                    </td>
                    <td className="small">
                      {a.doneAt ? (
                        <>
                          {formatInstant(a.doneAt)}{" "}
                          <Badge tone={a.inTime ? "success" : "danger"}>{a.inTime ? t("audits.information.inTime") : t("audits.information.late")}</Badge>
                        </>
                      ) : open && (a.carriedBy === "both" || a.carriedBy === side) ? (
                        <CompleteActionButton audit={audit} actionId={a.id} onDone={onChange} />
                      ) : (
                        "—"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {open ? <ActionForm audit={audit} onDone={onChange} /> : null}
      </section>

      <section className="card" aria-labelledby="audit-costs-heading">
        <h2 id="audit-costs-heading">{t("audits.costs.title")}</h2>
        <p className="hint">{t("audits.costs.intro")}</p>
        {audit.costs.length === 0 ? (
          <p className="muted">{t("audits.costs.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table" data-testid="audit-costs">
              <thead>
                <tr>
                  <th scope="col">{t("audits.costs.costDate")}</th>
                  <th scope="col">{t("audits.costs.description")}</th>
                  <th scope="col">{t("audits.costs.amount")}</th>
                  <th scope="col">{t("audits.costs.exported")}</th>
                </tr>
              </thead>
              <tbody>
                {audit.costs.map((c) => (
                  <tr key={c.id}>
                    <td className="nowrap small">{c.costDate}</td>
                    <td>{c.description}</td>
                    <td className="nowrap">{formatEuros(c.amountCents, i18n.language)}</td>
                    <td>{c.exported ? "✓" : "—"}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t("audits.costs.total")}
                  </th>
                  <td data-testid="audit-costs-total">{total}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
        )}
        {staff && open ? <CostForm audit={audit} onDone={onChange} /> : null}
      </section>
    </>
  );
}
