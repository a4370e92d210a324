import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { Incident } from "../../../api/types";
import { DecisionBadge, IncidentStatusBadge } from "../../../components/breaches/badges";
import { Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { canIncidentWrite, useMe } from "../../../session";
import { AffectedSection } from "./AffectedSection";
import { AssessmentSection } from "./AssessmentSection";
import { DeadlineCard, IncidentDetails } from "./IncidentHeader";
import { Tabs, useTabParam } from "../../../components/Tabs";
import { INCIDENT_TABS } from "./incident-tabs";
import { NoticeSection } from "./NoticeSection";
import { SendSection } from "./SendSection";
import { TimelineSection } from "./TimelineSection";

/**
 * One incident, in the order the work goes (art. 6): the 48-hour deadline with the steps above tabs
 * for the incident and its assessment, who is affected, the notice's facts and sending, and the
 * timeline that proves it (the tab in the URL, `?tab=`). The auditor reads it all;
 * a closed incident is read-only.
 */
export function IncidentPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = "" } = useParams();
  const location = useLocation();
  const recorded = (location.state as { recorded?: boolean } | null)?.recorded === true;
  const state = useApi(() => unwrap(api.GET("/api/v1/incidents/{id}", { params: { path: { id } } })), [id]);
  // Every change bumps the version: the customer table and the timeline load again.
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [tab, selectTab] = useTabParam(INCIDENT_TABS);
  const changed = (next?: Incident) => {
    if (next) {
      state.setData(next);
    } else {
      state.reload();
    }
    setVersion((v) => v + 1);
  };
  return (
    <Loaded state={state}>
      {(incident) => {
        const writer = canIncidentWrite(me) && incident.status === "open";
        return (
          <>
            <p className="breadcrumb">
              <Link to="/admin/incidents">{t("incidents.back")}</Link>
            </p>
            <PageHeader
              title={`${incident.reference} · ${incident.title}`}
              badge={
                <>
                  <IncidentStatusBadge status={incident.status} testId="incident-status" />{" "}
                  <DecisionBadge decision={incident.decision} testId="incident-decision" />
                </>
              }
            />
            {recorded && incident.decision === "pending" ? (
              <Notice tone="success" testId="incident-recorded">
                {t("incidents.recorded", { reference: incident.reference })}
              </Notice>
            ) : null}
            {canIncidentWrite(me) ? null : <Notice tone="info">{t("incidents.readOnly")}</Notice>}
            <DeadlineCard incident={incident} onStep={selectTab} />
            <Tabs
              label={t("layout.sections")}
              selected={tab}
              onSelect={(key) => selectTab(key)}
              tabs={INCIDENT_TABS.map((key) => ({
                key,
                label: key === "affected" ? `${t("layout.incidentTabs.affected")} (${incident.affected})` : t(`layout.incidentTabs.${key}`),
              }))}
              panels={{
                incident: (
                  <>
                    <IncidentDetails incident={incident} writer={writer} onChanged={changed} />
                    <AssessmentSection incident={incident} writer={writer} onChanged={() => changed()} />
                  </>
                ),
                affected: <AffectedSection incident={incident} writer={writer} version={version} onChanged={() => changed()} />,
                notice: (
                  <>
                    <NoticeSection incident={incident} writer={writer} onSaved={changed} onDirty={setDirty} />
                    <SendSection incident={incident} writer={writer} dirty={dirty} onChanged={changed} />
                  </>
                ),
                timeline: <TimelineSection incidentId={incident.id} version={version} />,
              }}
            />
          </>
        );
      }}
    </Loaded>
  );
}
