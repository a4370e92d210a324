import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { useAction, useApi } from "../api/useApi";
import type { Contact } from "../api/types";
import { formatDate, formatInstant } from "../lib/format";
import { ErrorAlert, Notice } from "./ErrorAlert";

// art. 4.4: the yearly confirmation of the privacy contact. "Still correct" is one click: it sends the
// version of the contact the person sees (its updatedAt), so a contact changed meanwhile is not confirmed unseen.

/** The "Still correct" button; calls onConfirmed with the contact as it now stands. */
export function ConfirmContactButton({ controllerId, contact, onConfirmed }: { controllerId: string; contact: Contact; onConfirmed: (c: Contact) => void }) {
  const { t } = useTranslation();
  const confirm = useAction(() =>
    unwrap(
      api.POST("/api/v1/controllers/{id}/contact/confirmation", {
        params: { path: { id: controllerId } },
        body: { updatedAt: contact.updatedAt },
      }),
    ),
  );
  async function click() {
    const result = await confirm.execute();
    if (result.ok) {
      onConfirmed(result.value);
    }
  }
  return (
    <>
      <ErrorAlert error={confirm.error} />
      <button type="button" className="btn btn-primary" disabled={confirm.busy} onClick={() => void click()} data-testid="contact-confirm">
        {t("contactConfirm.button")}
      </button>
    </>
  );
}

/** Where the contact stands in its yearly cycle: last confirmed, asked, stale, failing, next request; and the button. */
export function ContactConfirmationCard({
  controllerId,
  contact,
  canAct,
  confirmed,
  onConfirmed,
}: {
  controllerId: string;
  contact: Contact;
  canAct: boolean;
  confirmed: boolean;
  onConfirmed: (c: Contact) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="contact-confirm-heading" data-testid="contact-confirmation">
      <h2 id="contact-confirm-heading">{t("contactConfirm.heading")}</h2>
      <p className="muted">{t("contactConfirm.intro")}</p>
      <p>
        <strong>{contact.name}</strong> &lt;{contact.email}&gt;
      </p>
      <p data-testid="contact-last-confirmed">
        {contact.confirmedAt ? t("contactConfirm.lastConfirmed", { date: formatDate(contact.confirmedAt) }) : t("contactConfirm.neverConfirmed")}
      </p>
      {contact.staleSince ? (
        <Notice tone="warning" testId="contact-stale">
          {t("contactConfirm.stale", { since: formatDate(contact.staleSince) })}
        </Notice>
      ) : contact.confirmationRequestedAt ? (
        <Notice tone="info" testId="contact-requested">
          {t("contactConfirm.requested", { asked: formatDate(contact.confirmationRequestedAt), due: formatInstant(contact.confirmationStaleAt) })}
        </Notice>
      ) : null}
      {contact.failingSince ? (
        <Notice tone="warning" testId="contact-failing">
          {t("contactConfirm.failing", { since: formatInstant(contact.failingSince) })}
        </Notice>
      ) : null}
      {confirmed && contact.confirmationDueAt ? (
        <Notice tone="success" testId="contact-confirmed">
          {t("contactConfirm.confirmed", { date: formatDate(contact.confirmationDueAt) })}
        </Notice>
      ) : contact.confirmationDueAt && !contact.confirmationRequestedAt ? (
        <p className="muted">{t("contactConfirm.nextRequest", { date: formatDate(contact.confirmationDueAt) })}</p>
      ) : null}
      {canAct ? (
        <div className="form-actions">
          <ConfirmContactButton controllerId={controllerId} contact={contact} onConfirmed={onConfirmed} />
        </div>
      ) : null}
    </section>
  );
}

/** On the home's "confirm your privacy contact" item: the contact it is about and the one-click confirmation. */
export function HomeContactConfirm({ controllerId, onConfirmed }: { controllerId: string; onConfirmed: () => void }) {
  const state = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/contact", { params: { path: { id: controllerId } } })), [controllerId]);
  const contact = state.data;
  if (!contact) {
    return <ErrorAlert error={state.error} />;
  }
  return (
    <p className="todo-actions">
      <ConfirmContactButton controllerId={controllerId} contact={contact} onConfirmed={onConfirmed} />
    </p>
  );
}

/** For staff on a customer's page: where its contact stands in the yearly confirmation (art. 4.4). */
export function ContactConfirmationStatus({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  return (
    <div data-testid="contact-confirmation-status">
      <p className="muted">
        {contact.confirmedAt ? t("contactConfirm.lastConfirmed", { date: formatDate(contact.confirmedAt) }) : t("contactConfirm.neverConfirmed")}
        {contact.confirmationDueAt && !contact.confirmationRequestedAt
          ? ` · ${t("contactConfirm.nextRequest", { date: formatDate(contact.confirmationDueAt) })}`
          : null}
      </p>
      {contact.staleSince ? (
        <Notice tone="warning" testId="contact-stale">
          {t("contactConfirm.staff.stale", { since: formatDate(contact.staleSince) })}
        </Notice>
      ) : contact.confirmationRequestedAt ? (
        <Notice tone="info" testId="contact-requested">
          {t("contactConfirm.staff.requested", { asked: formatDate(contact.confirmationRequestedAt), due: formatInstant(contact.confirmationStaleAt) })}
        </Notice>
      ) : null}
    </div>
  );
}
