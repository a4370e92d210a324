import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { Loaded } from "../../components/Loaded";
import { Notice } from "../../components/ErrorAlert";
import { PageHeader } from "../../components/PageHeader";
import { AgreementStatusBadge } from "../../components/StatusBadge";
import { AgreementsTable } from "../../components/AgreementsTable";
import { AnnexChangesView } from "../../components/AnnexChangesView";
import { diffAnnexContent } from "../../lib/annex-diff";
import { inForce, lastSigned, pending } from "../../lib/agreements";
import { formatInstant } from "../../lib/format";
import { canCustomerAct, useMe } from "../../session";
import { HomeContactConfirm } from "../../components/ContactConfirmation";
import type { Agreement, Annex, ControllerDetail, ResponseOf } from "../../api/types";
import { formatRemaining } from "../../lib/time";
import "../../components/charts/charts.css";

type Home = ResponseOf<"/api/v1/home", "get">;
type HomeItem = Home["items"][number];

const TONE: Record<HomeItem["urgency"], "danger" | "warning" | "info"> = { urgent: "danger", action: "warning", info: "info" };

/** What needs the customer's attention (GET /home), most urgent first; each item links to where it is handled. */
function TodoList() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/home")), []);
  return (
    <section className="card" aria-labelledby="todo-heading" data-testid="home-todo">
      <h2 id="todo-heading">{t("home.todoTitle")}</h2>
      <Loaded state={state}>
        {(home) =>
          home.items.length === 0 ? (
            <p className="muted" data-testid="home-nothing">
              {t("home.nothing")}
            </p>
          ) : (
            <>
              <p className="muted">{t("home.todoIntro")}</p>
              <ul className="todo-list">
                {home.items.map((item) => (
                  <TodoItem key={`${item.kind}-${item.id}`} item={item} onChanged={state.reload} />
                ))}
              </ul>
            </>
          )
        }
      </Loaded>
    </section>
  );
}

function TodoItem({ item, onChanged }: { item: HomeItem; onChanged: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <li data-testid="home-item" data-kind={item.kind} data-id={item.id}>
      <div className="todo-head">
        <span className={`badge badge-${TONE[item.urgency]}`}>{t(`home.urgency.${item.urgency}`)}</span>
        <Link className="todo-title" to={item.href}>
          {item.title}
        </Link>
      </div>
      {item.dueAt ? (
        <p className="todo-due" data-testid="home-item-due">
          {t("home.due", { due: item.dueLocal ?? formatInstant(item.dueAt) })}
          {item.remainingMs !== null ? ` — ${formatRemaining(item.remainingMs, t)}` : null}
        </p>
      ) : item.kind === "ap_clock" ? (
        <p className="todo-due" data-testid="home-item-due">
          {t("home.dueNotStarted")}
        </p>
      ) : null}
      {item.detail ? <p>{item.detail}</p> : null}
      {item.reason ? (
        <p className="muted" data-testid="home-item-reason">
          <strong>{t("home.why")}</strong> {item.reason}
        </p>
      ) : null}
      {(item.kind === "contact_confirm" || item.kind === "contact_stale") && canCustomerAct(me) ? (
        <HomeContactConfirm controllerId={item.id} onConfirmed={onChanged} />
      ) : null}
    </li>
  );
}

interface Overview {
  controller: ControllerDetail;
  agreements: Agreement[];
  annexes: Annex[];
}

export function PortalHomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const state = useApi<Overview>(async () => {
    const path = { params: { path: { id: controllerId } } };
    const [controller, agreements, annexes] = await Promise.all([
      unwrap(api.GET("/api/v1/controllers/{id}", path)),
      unwrap(api.GET("/api/v1/agreements", { params: { query: { controllerId, offset: 0, limit: 500 } } })),
      unwrap(api.GET("/api/v1/controllers/{id}/annexes", path)),
    ]);
    return { controller, agreements, annexes };
  }, [controllerId]);

  return (
    <Loaded state={state}>
      {({ controller, agreements, annexes }) => {
        const current = inForce(agreements);
        const waiting = pending(agreements);
        const headline = waiting ?? current;
        const signed = lastSigned(agreements);
        const annexFrom = signed ? annexes.find((a) => a.version === signed.annexVersion) : undefined;
        const annexTo = controller.annexVersion !== null ? annexes.find((a) => a.version === controller.annexVersion) : undefined;
        const annexChanged = signed !== undefined && controller.annexVersion !== null && controller.annexVersion > signed.annexVersion;
        return (
          <>
            <PageHeader
              title={t("portal.home.title")}
              subtitle={`${controller.name} · ${t("portal.home.customerNumber", { number: controller.customerNumber })}`}
            />

            <TodoList />

            <section className="card" aria-labelledby="agreement-heading">
              <h2 id="agreement-heading">{t("portal.home.agreement")}</h2>
              {headline ? (
                <>
                  <p className="status-line">
                    <AgreementStatusBadge status={headline.status} testId="agreement-status" />{" "}
                    <span data-testid="agreement-version">{t("agreement.versionN", { version: headline.templateVersion })}</span>
                  </p>
                  {headline.status === "offered" ? (
                    <Notice tone="warning" testId="pending-version">
                      <p>{t("portal.home.pendingOffered", { version: headline.templateVersion, date: formatInstant(headline.offeredAt) })}</p>
                      <p>
                        <Link className="btn btn-primary" to={`/portal/agreements/${headline.id}`} data-testid="sign-open">
                          {t("portal.home.readAndSign")}
                        </Link>
                      </p>
                    </Notice>
                  ) : null}
                  {headline.status === "signed_by_customer" ? (
                    <Notice tone="info" testId="pending-version">
                      <p>{t("portal.home.pendingCountersign", { version: headline.templateVersion, date: formatInstant(headline.customerSignedAt) })}</p>
                    </Notice>
                  ) : null}
                  {current ? (
                    <p data-testid="in-force">
                      {current === headline ? null : <AgreementStatusBadge status={current.status} testId="current-agreement-status" />}{" "}
                      {t("portal.home.inForceSince", { version: current.templateVersion, date: formatInstant(current.effectiveAt) })}
                    </p>
                  ) : (
                    <p className="muted">{t("portal.home.noneInForce")}</p>
                  )}
                </>
              ) : (
                <p data-testid="agreement-status" data-status="none">
                  {t("portal.home.noAgreement")}
                </p>
              )}
            </section>

            {annexChanged && annexFrom && annexTo ? (
              <section className="card card-warning" aria-labelledby="annex-heading" data-testid="annex-changed">
                <h2 id="annex-heading">{t("portal.home.annexChanged")}</h2>
                <p>{t("portal.home.annexChangedText", { from: annexFrom.version, to: annexTo.version, date: formatInstant(annexTo.createdAt) })}</p>
                {annexTo.reason ? <p className="muted">{t("portal.home.annexReason", { reason: annexTo.reason })}</p> : null}
                <AnnexChangesView changes={diffAnnexContent(annexFrom.content, annexTo.content)} />
              </section>
            ) : null}

            {controller.contact === null ? (
              <Notice tone="warning" testId="contact-missing">
                <p>
                  {t("portal.home.contactMissing")} <Link to="/portal/contact">{t("portal.home.contactSet")}</Link>
                </p>
              </Notice>
            ) : null}

            <section className="card" aria-labelledby="agreements-heading">
              <h2 id="agreements-heading">{t("portal.home.allAgreements")}</h2>
              <AgreementsTable agreements={agreements} linkTo={(a) => `/portal/agreements/${a.id}`} />
            </section>
          </>
        );
      }}
    </Loaded>
  );
}
