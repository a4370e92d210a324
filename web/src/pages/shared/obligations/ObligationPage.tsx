import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { Obligation } from "../../../api/types";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { ObligationStateBadge } from "../../../components/StatusBadge";
import { ObligationKindLabel } from "../../../components/obligations/ObligationKindLabel";
import { areaBase, type Area } from "../../../lib/area";
import { formatInstant } from "../../../lib/format";
import { formatRemaining } from "../../../lib/time";

type Unit = "hours" | "calendarDays" | "calendarDaysStart" | "months" | "workingDays";
const UNITS: readonly Unit[] = ["hours", "calendarDays", "calendarDaysStart", "months", "workingDays"];
const asUnit = (unit: string): Unit | undefined => UNITS.find((u) => u === unit);

/** Where the obligation's subject lives in this area, when the UI has a page for it. */
function subjectLink(area: Area, o: Obligation): string | null {
  if (o.subjectType === "subprocessor_change") {
    return `${areaBase(area)}/subprocessors/changes/${o.subjectId}`;
  }
  // A customer sees a breach once it was told of it; until then the portal page is "not found".
  if (o.subjectType === "incident") {
    return area === "admin" ? `/admin/incidents/${o.subjectId}` : `/portal/breaches/${o.subjectId}`;
  }
  if (o.subjectType === "case") {
    return `${areaBase(area)}/cases/${o.subjectId}`;
  }
  return null;
}

/** One deadline: its clock and where it came from, the due instant, reminders, and whether it was met in time. */
export function ObligationPage({ area }: { area: Area }) {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/obligations/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(o) => {
        const unit = asUnit(o.clock.unit);
        const about = subjectLink(area, o);
        const rows: [string, React.ReactNode][] = [
          [t("obligations.party"), t(`obligations.partyLong.${o.party}`)],
          ...(area === "admin" && o.controllerId
            ? ([[t("obligations.customer"), <Link to={`/admin/customers/${o.controllerId}`}>{o.customerName ?? o.controllerId}</Link>]] as [
                string,
                React.ReactNode,
              ][])
            : []),
          [t("obligations.article"), t("obligations.articleN", { article: o.article })],
          [
            t("obligations.clock"),
            <>
              {t("obligations.clockValue", { amount: o.clock.amount, unit: unit ? t(`obligations.units.${unit}`) : o.clock.unit })}
              {o.clock.templateVersion !== null ? <span className="muted"> {t("obligations.clockFrom", { version: o.clock.templateVersion })}</span> : null}
            </>,
          ],
          [t("obligations.triggerAt"), formatInstant(o.triggerAt)],
          [
            t("obligations.dueAt"),
            <>
              <strong data-testid="obligation-due">{o.dueLocal}</strong>
              {o.status === "open" ? <span className={o.overdue ? "overdue-text" : "muted"}> · {formatRemaining(o.remainingMs, t)}</span> : null}
            </>,
          ],
          [t("obligations.reminders"), o.reminders.length === 0 ? t("obligations.noReminders") : o.reminders.map((r) => formatInstant(r)).join(" · ")],
          ...(o.metAt ? ([[t("obligations.metAt"), formatInstant(o.metAt)]] as [string, React.ReactNode][]) : []),
          ...(o.escalatedAt ? ([[t("obligations.escalatedAt"), formatInstant(o.escalatedAt)]] as [string, React.ReactNode][]) : []),
          ...(area === "admin"
            ? ([[t("obligations.responsible"), o.responsibleRoles.map((r) => (isStaffRole(r) ? t(`roles.staff.${r}`) : r)).join(", ")]] as [
                string,
                React.ReactNode,
              ][])
            : []),
        ];
        return (
          <>
            <p className="breadcrumb">
              <Link to={`${areaBase(area)}/obligations`}>{t("obligations.back")}</Link>
            </p>
            <PageHeader
              title={o.title}
              subtitle={
                <>
                  <ObligationKindLabel kind={o.kind} /> · {t(`obligations.natures.${o.nature}`)}
                </>
              }
              badge={<ObligationStateBadge obligation={o} testId="obligation-state" />}
            />
            <section className={`card${o.overdue ? " card-danger" : ""}`}>
              <dl className="facts">
                {rows.map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              {about ? (
                <p className="form-actions">
                  <Link className="btn btn-primary" to={about} data-testid="obligation-subject">
                    {t("notices.openChange")}
                  </Link>
                </p>
              ) : null}
            </section>
          </>
        );
      }}
    </Loaded>
  );
}

const STAFF_ROLES = ["admin", "privacy_officer", "security_officer", "support", "auditor"] as const;
const isStaffRole = (role: string): role is (typeof STAFF_ROLES)[number] => (STAFF_ROLES as readonly string[]).includes(role);
