import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useApi } from "../../../api/useApi";
import { Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { ChangeFacts } from "../../../components/subprocessors/ChangeFacts";
import { ChangeStatusBadge } from "../../../components/subprocessors/badges";
import { canStaffWrite, useMe } from "../../../session";
import { ChangeActions } from "./ChangeActions";
import { ChangeObjections } from "./ChangeObjections";
import { ChangeRecipients } from "./ChangeRecipients";

/**
 * One announced change (staff): what it does, its effective date, apply and withdraw, every
 * affected customer's state, and the objections with their consultations and outcomes.
 */
export function ChangePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = "" } = useParams();
  const location = useLocation();
  const announced = (location.state as { announced?: number } | null)?.announced;
  const state = useApi(() => unwrap(api.GET("/api/v1/subprocessor-changes/{id}", { params: { path: { id } } })), [id]);
  const writer = canStaffWrite(me);
  const [done, setDone] = useState<"applied" | "withdrawn" | null>(null);
  return (
    <Loaded state={state}>
      {(change) => (
        <>
          <p className="breadcrumb">
            <Link to="/admin/subprocessors">{t("changes.back")}</Link>
          </p>
          <PageHeader
            title={t("changes.titleOf", { kind: t(`changes.kinds.${change.kind}`), name: change.subprocessor.name })}
            badge={<ChangeStatusBadge status={change.status} testId="change-status" />}
          />
          {announced !== undefined ? (
            <Notice tone="success" testId="change-announced">
              {t("changes.announced", { count: announced })}
            </Notice>
          ) : null}
          {writer ? null : <Notice tone="info">{t("changes.readOnlyStaff")}</Notice>}
          {done ? (
            <Notice tone="success" testId="change-done">
              {t(`changes.${done}`)}
            </Notice>
          ) : null}
          <section className="card">
            <ChangeFacts
              change={change}
              staff
              subprocessorLink={<Link to={`/admin/subprocessors/${change.subprocessor.id}`}>{change.subprocessor.name}</Link>}
            />
          </section>
          {writer && change.status === "announced" ? (
            <ChangeActions
              change={change}
              onChanged={(next, what) => {
                state.setData(next);
                setDone(what ?? null);
              }}
            />
          ) : null}
          <ChangeObjections change={change} writer={writer} onChanged={state.reload} />
          <ChangeRecipients changeId={change.id} />
        </>
      )}
    </Loaded>
  );
}
