import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useApi } from "../../api/useApi";
import { ContactConfirmationCard } from "../../components/ContactConfirmation";
import { ContactForm } from "../../components/ContactForm";
import { DomainsEditor } from "../../components/DomainsEditor";
import { Notice } from "../../components/ErrorAlert";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { canCustomerAct, useMe } from "../../session";

export function ContactPage() {
  const { t } = useTranslation();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const state = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/contact", { params: { path: { id: controllerId } } })), [controllerId]);
  const domains = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/domains", { params: { path: { id: controllerId } } })), [controllerId]);
  const [confirmed, setConfirmed] = useState(false);
  return (
    <>
      <PageHeader title={t("contact.heading")} subtitle={t("contact.intro")} />
      {canCustomerAct(me) ? null : <Notice tone="info">{t("contact.readOnly")}</Notice>}
      <Loaded state={state}>
        {(contact) => (
          <>
            {contact ? (
              <ContactConfirmationCard
                controllerId={controllerId}
                contact={contact}
                canAct={canCustomerAct(me)}
                confirmed={confirmed}
                onConfirmed={(c) => {
                  setConfirmed(true);
                  state.setData(c);
                }}
              />
            ) : null}
            <section className="card">
              <ContactForm
                controllerId={controllerId}
                contact={contact ?? null}
                readOnly={!canCustomerAct(me)}
                onSaved={(c) => {
                  setConfirmed(false);
                  state.setData(c);
                }}
              />
            </section>
          </>
        )}
      </Loaded>
      <section className="card" aria-labelledby="domains-heading">
        <h2 id="domains-heading">{t("domains.heading")}</h2>
        <p className="muted">{t("domains.intro")}</p>
        {canCustomerAct(me) ? null : <Notice tone="info">{t("domains.readOnly")}</Notice>}
        <Loaded state={domains}>
          {(list) => <DomainsEditor controllerId={controllerId} domains={list} readOnly={!canCustomerAct(me)} onSaved={(saved) => domains.setData(saved)} />}
        </Loaded>
      </section>
    </>
  );
}
