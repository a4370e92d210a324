import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, contractUrl, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import type { SubprocessorChange } from "../../../api/types";
import { Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { ChangeFacts } from "../../../components/subprocessors/ChangeFacts";
import { ChangeStatusBadge } from "../../../components/subprocessors/badges";
import { formatInstant } from "../../../lib/format";
import { formatRemaining, msUntil } from "../../../lib/time";
import { useLang } from "../../../lib/useLang";
import { LocationsTable } from "../../../components/subprocessors/LocationsTable";
import { canCustomerAct, useMe } from "../../../session";
import { ObjectForm } from "./ObjectForm";
import { YourObjection } from "./YourObjection";

/**
 * A change announced to this customer: what changes, until when it can object (art. 5.2), the
 * objection form, and once objected, the consultation and its outcome.
 */
export function PortalChangePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/subprocessor-changes/{id}", { params: { path: { id } } })), [id]);
  return (
    <Loaded state={state}>
      {(change) => (
        <>
          <p className="breadcrumb">
            <Link to="/portal/subprocessors">{t("subprocessors.title")}</Link>
          </p>
          <PageHeader
            title={t("changes.titleOf", { kind: t(`changes.kinds.${change.kind}`), name: change.subprocessor.name })}
            subtitle={t(`changes.kindHints.${change.kind}`)}
            badge={<ChangeStatusBadge status={change.status} testId="change-status" />}
          />
          <WindowBox change={change} />
          <ObjectionArea change={change} onObjected={state.reload} />
          <section className="card" aria-labelledby="what-heading">
            <h2 id="what-heading">{t("changes.whatChanges")}</h2>
            <ChangeFacts change={change} staff={false} />
            <SubprocessorDetails subprocessorId={change.subprocessor.id} showLocations={change.kind !== "relocate"} />
          </section>
        </>
      )}
    </Loaded>
  );
}

function WindowBox({ change }: { change: SubprocessorChange }) {
  const { t } = useTranslation();
  const mine = change.mine;
  if (!mine || mine.objection) {
    return null;
  }
  if (mine.windowOpen) {
    return (
      <Notice tone="warning" testId="change-window">
        <p>
          <strong>{t("objections.objectIntro", { date: formatInstant(mine.windowEndsAt), left: formatRemaining(msUntil(mine.windowEndsAt), t) })}</strong>
        </p>
      </Notice>
    );
  }
  return (
    <Notice tone="info" testId="change-window">
      {change.status === "announced" ? t("objections.windowClosed", { date: formatInstant(mine.windowEndsAt) }) : t("objections.changeClosed")}
    </Notice>
  );
}

function ObjectionArea({ change, onObjected }: { change: SubprocessorChange; onObjected: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const mine = change.mine;
  if (!mine) {
    return null;
  }
  if (mine.objection) {
    return <YourObjection objectionId={mine.objection.id} />;
  }
  if (!mine.windowOpen) {
    return null;
  }
  if (!canCustomerAct(me)) {
    return <Notice tone="info">{t("objections.notAllowed")}</Notice>;
  }
  return <ObjectForm changeId={change.id} onObjected={onObjected} />;
}

/** The sub-processor concerned: what it does, where (with the transfer ground), and its contract (art. 5.3). */
function SubprocessorDetails({ subprocessorId, showLocations }: { subprocessorId: string; showLocations: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const state = useApi(() => unwrap(api.GET("/api/v1/subprocessors/{id}", { params: { path: { id: subprocessorId } } })), [subprocessorId]);
  const sub = state.data;
  if (!sub) {
    return null;
  }
  return (
    <>
      <h3>{sub.name}</h3>
      <p>{sub.activity[lang]}</p>
      {showLocations ? <LocationsTable locations={sub.locations} testId="change-subprocessor-locations" /> : null}
      {sub.contract ? (
        <p>
          <a href={contractUrl(subprocessorId)} download={sub.contract.fileName} data-testid="change-contract">
            {t("portalSubs.readContract")}
          </a>{" "}
          <span className="muted small">
            ({sub.contract.fileName}, SHA-256 {sub.contract.sha256.slice(0, 12)}…)
          </span>
        </p>
      ) : null}
    </>
  );
}
