import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../api/client";
import { useAction } from "../api/useApi";
import type { Contact } from "../api/types";
import { formatInstant } from "../lib/format";
import { ErrorAlert, Notice } from "./ErrorAlert";
import { SelectField, TextField, validLocally } from "./fields";

/** art. 4.4: the controller's DPO or privacy contact, to whom every notice goes. */
export function ContactForm({
  controllerId,
  contact,
  readOnly,
  onSaved,
}: {
  controllerId: string;
  contact: Contact | null;
  readOnly: boolean;
  onSaved?: (c: Contact) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Contact["role"]>(contact?.role ?? "privacy_contact");
  const [name, setName] = useState(contact?.name ?? "");
  const [email, setEmail] = useState(contact?.email ?? "");
  const [phone, setPhone] = useState(contact?.phone ?? "");
  const [saved, setSaved] = useState<Contact | null>(null);
  const save = useAction(() =>
    unwrap(
      api.PUT("/api/v1/controllers/{id}/contact", {
        params: { path: { id: controllerId } },
        body: { role, name: name.trim(), email: email.trim(), phone: phone.trim() === "" ? null : phone.trim() },
      }),
    ),
  );

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await save.execute();
    if (result.ok) {
      setSaved(result.value);
      onSaved?.(result.value);
    }
  }

  const fields = save.error?.fieldMessages() ?? {};
  const updatedAt = saved?.updatedAt ?? contact?.updatedAt;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="form-narrow" aria-label={t("contact.heading")}>
      {updatedAt ? <p className="muted">{t("contact.updatedAt", { date: formatInstant(updatedAt) })}</p> : <p className="muted">{t("contact.none")}</p>}
      {saved ? (
        <Notice tone="success" testId="contact-saved">
          {t("contact.saved")}
        </Notice>
      ) : null}
      <ErrorAlert error={save.error} />
      <SelectField
        label={t("contact.role")}
        value={role}
        onChange={setRole}
        options={[
          { value: "dpo", label: t("contact.roles.dpo") },
          { value: "privacy_contact", label: t("contact.roles.privacy_contact") },
        ]}
        error={fields.role}
        disabled={readOnly}
        testId="contact-role"
      />
      <TextField
        label={t("contact.name")}
        value={name}
        onChange={setName}
        required
        autoComplete="name"
        error={fields.name}
        disabled={readOnly}
        testId="contact-name"
      />
      <TextField
        label={t("contact.email")}
        type="email"
        value={email}
        onChange={setEmail}
        required
        autoComplete="email"
        error={fields.email}
        disabled={readOnly}
        testId="contact-email"
      />
      <TextField
        label={t("contact.phone")}
        type="tel"
        value={phone}
        onChange={setPhone}
        autoComplete="tel"
        error={fields.phone}
        disabled={readOnly}
        testId="contact-phone"
      />
      {readOnly ? null : (
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy} data-testid="contact-save">
            {t("common.save")}
          </button>
        </div>
      )}
    </form>
  );
}
