import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { AgreementsTable } from "../../components/AgreementsTable";
import { ContactForm } from "../../components/ContactForm";
import { DomainsEditor } from "../../components/DomainsEditor";
import { ContactConfirmationStatus } from "../../components/ContactConfirmation";
import { Loaded } from "../../components/Loaded";
import { Notice } from "../../components/ErrorAlert";
import { PageHeader } from "../../components/PageHeader";
import { AgreementStatusBadge } from "../../components/StatusBadge";
import { canStaffWrite, useMe } from "../../session";
import { inForce, pending } from "../../lib/agreements";
import { AnnexVersions } from "./customer/AnnexVersions";
import { EvidenceEvents } from "./customer/EvidenceEvents";
import { ServicesEditor } from "./customer/ServicesEditor";
import { CustomerDetails } from "./customer/CustomerDetails";
import { CustomerNotices } from "./customer/CustomerNotices";
import { CustomerObligations } from "./customer/CustomerObligations";
import { Tabs, useTabParam } from "../../components/Tabs";
import { BreakGlassPanel } from "./access/BreakGlassPanel";
import { formatInstant } from "../../lib/format";

const CUSTOMER_TABS = ["overview", "services", "agreements", "deadlines", "evidence"] as const;

/** One customer, in tabs (the tab in the URL): details and contact, services and fees, agreements and Annex 1 versions, deadlines and notices, evidence. */
export function CustomerPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { id = "" } = useParams();
  const path = { params: { path: { id } } };
  const detail = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}", path)), [id]);
  const annexes = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/annexes", path)), [id]);
  const agreements = useApi(() => unwrap(api.GET("/api/v1/agreements", { params: { query: { controllerId: id, offset: 0, limit: 500 } } })), [id]);
  const events = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/events", { params: { path: { id }, query: { limit: 200 } } })), [id]);
  const writer = canStaffWrite(me);
  const [servicesSaved, setServicesSaved] = useState(false);
  const [tab, selectTab] = useTabParam(CUSTOMER_TABS);
  const list = agreements.data ?? [];
  const headlineStatus = (pending(list) ?? inForce(list))?.status;
  const [grantedUntil, setGrantedUntil] = useState<string | null>(null);

  // art. 9.1: support not assigned to this customer gets "not found"; it may break glass, with a reason.
  if (detail.error?.isNotFound && me.kind === "staff" && me.staffRole === "support") {
    return (
      <BreakGlassPanel
        controllerId={id}
        onGranted={(expiresAt) => {
          setGrantedUntil(expiresAt);
          for (const state of [detail, annexes, agreements, events]) {
            state.reload();
          }
        }}
      />
    );
  }

  return (
    <Loaded state={detail}>
      {(controller) => (
        <>
          <p className="breadcrumb">
            <Link to="/admin/customers">{t("nav.admin.customers")}</Link>
          </p>
          {grantedUntil ? (
            <Notice tone="warning" testId="break-glass-granted">
              {t("access.breakGlass.granted", { until: formatInstant(grantedUntil) })}
            </Notice>
          ) : null}
          <PageHeader
            title={controller.name}
            subtitle={t("portal.home.customerNumber", { number: controller.customerNumber })}
            actions={
              me.staffRole === "admin" || me.staffRole === "privacy_officer" ? (
                <Link className="btn" to={`/admin/customers/${controller.id}/access-log`} data-testid="customer-access-log">
                  {t("access.log.customerLink")}
                </Link>
              ) : null
            }
            badge={headlineStatus ? <AgreementStatusBadge status={headlineStatus} testId="customer-agreement-status" /> : null}
          />
          <Tabs
            label={t("layout.sections")}
            selected={tab}
            onSelect={(key) => selectTab(key)}
            tabs={CUSTOMER_TABS.map((key) => ({ key, label: t(`layout.customerTabs.${key}`) }))}
            panels={{
              overview: (
                <>
                  <div className="two-col two-col-even">
                    <section className="card" aria-labelledby="details-heading">
                      <h2 id="details-heading">{t("customer.details")}</h2>
                      <CustomerDetails controller={controller} />
                    </section>
                    <section className="card" aria-labelledby="contact-heading">
                      <h2 id="contact-heading">{t("contact.heading")}</h2>
                      {controller.contact ? <ContactConfirmationStatus contact={controller.contact} /> : null}
                      <ContactForm key={controller.contact?.updatedAt ?? "none"} controllerId={controller.id} contact={controller.contact} readOnly={!writer} />
                    </section>
                  </div>
                  <section className="card" aria-labelledby="domains-heading">
                    <h2 id="domains-heading">{t("domains.heading")}</h2>
                    <p className="muted">{t("domains.staffIntro")}</p>
                    <DomainsEditor
                      controllerId={controller.id}
                      domains={controller.domains}
                      readOnly={!writer}
                      onSaved={(domains) => {
                        detail.setData({ ...controller, domains });
                        events.reload();
                      }}
                    />
                  </section>
                </>
              ),
              services: (
                <section className="card" aria-labelledby="services-heading">
                  <h2 id="services-heading">{t("customer.services")}</h2>
                  {servicesSaved ? (
                    <Notice tone="success" testId="services-saved">
                      {t("customer.servicesSaved")}
                    </Notice>
                  ) : null}
                  <ServicesEditor
                    key={controller.services.map((s) => `${s.code}:${s.monthlyFeeCents}`).join(",")}
                    controller={controller}
                    readOnly={!writer}
                    onSaved={(updated) => {
                      setServicesSaved(true);
                      detail.setData(updated);
                      annexes.reload();
                      events.reload();
                    }}
                  />
                </section>
              ),
              agreements: (
                <>
                  <section className="card" aria-labelledby="agreements-heading">
                    <h2 id="agreements-heading">{t("customer.agreements")}</h2>
                    <Loaded state={agreements}>
                      {(list) => (
                        <AgreementsTable
                          agreements={list}
                          linkTo={(a) => `/admin/agreements/${a.id}`}
                          action={(a) =>
                            a.status === "signed_by_customer" && writer ? (
                              <Link className="btn btn-small btn-primary" to={`/admin/agreements/${a.id}`} data-testid="countersign-open">
                                {t("countersign.open")}
                              </Link>
                            ) : null
                          }
                        />
                      )}
                    </Loaded>
                  </section>
                  <section className="card" aria-labelledby="annex-heading">
                    <h2 id="annex-heading">{t("customer.annexes")}</h2>
                    <Loaded state={annexes}>{(list) => <AnnexVersions annexes={list} />}</Loaded>
                  </section>
                </>
              ),
              deadlines: (
                <>
                  <section className="card" aria-labelledby="deadlines-heading">
                    <h2 id="deadlines-heading">{t("obligations.customerDeadlines")}</h2>
                    <CustomerObligations controllerId={controller.id} />
                  </section>
                  <section className="card" aria-labelledby="notices-heading">
                    <h2 id="notices-heading">{t("notices.customerNotices")}</h2>
                    <CustomerNotices controllerId={controller.id} />
                  </section>
                </>
              ),
              evidence: (
                <section className="card" aria-labelledby="events-heading">
                  <h2 id="events-heading">{t("customer.events")}</h2>
                  <Loaded state={events}>{(list) => <EvidenceEvents events={list} />}</Loaded>
                </section>
              ),
            }}
          />
        </>
      )}
    </Loaded>
  );
}
