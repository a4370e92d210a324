import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { Incident, IncidentBody } from "../../../api/types";
import { DeadlineText } from "../../../components/breaches/badges";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant, formatInstantWithDay } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { IncidentForm } from "./IncidentForm";
import { settled } from "./settled";
import type { IncidentTab } from "./incident-tabs";

/**
 * The top of the incident page: the 48-hour deadline and where the work stands (four steps, each
 * opening its tab at its section).
 */
export function DeadlineCard({ incident, onStep }: { incident: Incident; onStep: (tab: IncidentTab, anchor: string) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const done = settled(incident);
  const overdue = incident.overdue > 0 || (!done && new Date(incident.dueAt).getTime() < Date.now());
  const step = (tab: IncidentTab, anchor: string) => ({ href: `?tab=${tab}#${anchor}`, onOpen: () => onStep(tab, anchor) });

  return (
    <section className={`card deadline-card${overdue ? " card-danger" : done ? "" : " card-warning"}`} aria-labelledby="deadline-heading">
      <div className="deadline-main">
        <h2 id="deadline-heading" className="deadline-label">
          {t("incidents.deadlineLabel")}
        </h2>
        <p className="deadline-value">
          {incident.decision === "no_notify" ? (
            <span className="muted" data-testid="incident-deadline" data-overdue="false">
              {t("incidents.noDeadline")}
            </span>
          ) : (
            <DeadlineText dueAt={incident.dueAt} settled={done} testId="incident-deadline" />
          )}
        </p>
        <p className="small muted">
          {t("incidents.deadlineFrom", { date: formatInstantWithDay(incident.discoveredAt, lang) })}
          {incident.affected > 0 ? ` ${t("incidents.deadlinePerCustomer")}` : null}
        </p>
        {done && incident.decision === "notify" && incident.affected > 0 ? (
          <p>
            <Badge tone="success" testId="incident-all-notified">
              ✓ {t("incidents.allNotifiedCount", { count: incident.affected })}
            </Badge>
          </p>
        ) : null}
        {incident.overdue > 0 ? (
          <p>
            <Badge tone="danger" testId="incident-overdue">
              {t("incidents.overdueCount", { count: incident.overdue })}
            </Badge>
          </p>
        ) : null}
      </div>
      <ol className="steps-bar" aria-label={t("incidents.steps.label")}>
        <Step
          done={incident.decision !== "pending"}
          {...step("incident", "assessment-heading")}
          label={t("incidents.steps.assess")}
          detail={t(`incidents.decisions.${incident.decision}`)}
        />
        <Step
          done={incident.affected > 0}
          {...step("affected", "affected-heading")}
          label={t("incidents.steps.affected")}
          detail={t("incidents.steps.affectedCount", { count: incident.affected })}
        />
        <Step
          done={incident.affected > 0 && incident.ready === incident.affected}
          {...step("notice", "notice-heading")}
          label={t("incidents.steps.notice")}
          detail={t("incidents.steps.ready", { ready: incident.ready, total: incident.affected })}
        />
        <Step
          done={incident.affected > 0 && incident.notified === incident.affected}
          {...step("notice", "send-heading")}
          label={t("incidents.steps.send")}
          detail={t("incidents.steps.notified", { notified: incident.notified, total: incident.affected })}
        />
      </ol>
    </section>
  );
}

/** What the register says about the incident, with its correction. */
export function IncidentDetails({ incident, writer, onChanged }: { incident: Incident; writer: boolean; onChanged: (next: Incident) => void }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const [editing, setEditing] = useState(false);
  const path = { params: { path: { id: incident.id } } };
  const patch = useAction((body: IncidentBody) => unwrap(api.PATCH("/api/v1/incidents/{id}", { ...path, body })));
  const disclose = useAction((discloseCount: boolean) => unwrap(api.PATCH("/api/v1/incidents/{id}", { ...path, body: { discloseCount } })));

  return (
    <>
      {editing ? (
        <IncidentForm
          incident={incident}
          busy={patch.busy}
          error={patch.error}
          submitLabel={t("common.save")}
          onCancel={() => setEditing(false)}
          onSubmit={(body) =>
            void patch.execute(body).then((r) => {
              if (r.ok) {
                setEditing(false);
                onChanged(r.value);
              }
            })
          }
        />
      ) : (
        <section className="card" aria-labelledby="details-heading">
          <div className="section-head">
            <h2 id="details-heading">{t("incidents.details")}</h2>
            {writer ? (
              <button type="button" className="btn btn-small" onClick={() => setEditing(true)} data-testid="incident-edit">
                {t("incidents.editDetails")}
              </button>
            ) : null}
          </div>
          <p className="prewrap" data-testid="incident-description-text">
            {incident.description}
          </p>
          <dl className="facts">
            <div>
              <dt>{t("incidents.discoveredAt")}</dt>
              <dd data-testid="incident-discovered-at">{formatInstantWithDay(incident.discoveredAt, lang)}</dd>
            </div>
            <div>
              <dt>{t("incidents.form.discoveryHow")}</dt>
              <dd className="prewrap">{incident.discoveryHow}</dd>
            </div>
            <div>
              <dt>{t("incidents.period")}</dt>
              <dd>
                {incident.startedAt ? formatInstant(incident.startedAt) : t("incidents.startUnknown")} –{" "}
                {incident.ongoing ? (
                  <Badge tone="warning">{t("incidents.ongoing")}</Badge>
                ) : incident.endedAt ? (
                  formatInstant(incident.endedAt)
                ) : (
                  t("incidents.endUnknown")
                )}
              </dd>
            </div>
            <div>
              <dt>{t("incidents.form.systems")}</dt>
              <dd>{incident.systems.length > 0 ? incident.systems.join(", ") : "—"}</dd>
            </div>
            <div>
              <dt>{t("incidents.form.services")}</dt>
              <dd>{incident.services.length > 0 ? incident.services.map((s) => s[lang]).join(", ") : "—"}</dd>
            </div>
            <div>
              <dt>{t("incidents.form.subprocessors")}</dt>
              <dd>{incident.subprocessors.length > 0 ? incident.subprocessors.map((s) => s.name).join(", ") : "—"}</dd>
            </div>
            <div>
              <dt>{t("incidents.recordedAt")}</dt>
              <dd>{formatInstant(incident.createdAt)}</dd>
            </div>
            {incident.closedAt ? (
              <div>
                <dt>{t("incidents.closedAt")}</dt>
                <dd>
                  {formatInstant(incident.closedAt)}
                  {incident.closingSummary ? <p className="prewrap">{incident.closingSummary}</p> : null}
                </dd>
              </div>
            ) : null}
            <div>
              <dt>{t("incidents.discloseCount")}</dt>
              <dd>
                {writer ? (
                  <label className="checkbox-inline">
                    <input
                      type="checkbox"
                      checked={incident.discloseCount}
                      disabled={disclose.busy}
                      onChange={(e) => void disclose.execute(e.target.checked).then((r) => r.ok && onChanged(r.value))}
                      data-testid="incident-disclose"
                    />
                    {t("incidents.discloseLabel")}
                  </label>
                ) : incident.discloseCount ? (
                  t("incidents.disclosed")
                ) : (
                  t("incidents.notDisclosed")
                )}
                <p className="hint">{t("incidents.discloseHint")}</p>
                <ErrorAlert error={disclose.error} />
              </dd>
            </div>
          </dl>
        </section>
      )}
    </>
  );
}

function Step({ done, href, onOpen, label, detail }: { done: boolean; href: string; onOpen: () => void; label: string; detail: string }) {
  const { t } = useTranslation();
  return (
    <li className={done ? "step-done" : "step-open"}>
      <a
        href={href}
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
      >
        <span className="step-mark" aria-hidden="true">
          {done ? "✓" : "•"}
        </span>{" "}
        <strong>{label}</strong>
        <span className="sr-only"> ({done ? t("incidents.steps.done") : t("incidents.steps.todo")})</span>
        <span className="step-detail">{detail}</span>
      </a>
    </li>
  );
}
