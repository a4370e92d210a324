import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, multipart, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { SelectField, TextAreaField, TextField, submitWith } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { RIGHTS } from "../../public/PrivacyRequestPage";

const SOURCES = ["letter", "email", "phone", "other"] as const;

/** Staff record a request that came by letter, phone or e-mail, with the original (art. 8.1). */
export function NewSubjectRequestPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [source, setSource] = useState<(typeof SOURCES)[number]>("letter");
  const [right, setRight] = useState<(typeof RIGHTS)[number]>("access");
  const [locale, setLocale] = useState<"nl" | "en">("nl");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [website, setWebsite] = useState("");
  const [message, setMessage] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const send = useAction(() => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ source, right, locale, name, email, phone, organisation, website, message })) {
      if (value.trim() !== "") {
        form.append(key, value);
      }
    }
    for (const file of files) {
      form.append("files", file, file.name);
    }
    return unwrap(api.POST("/api/v1/subject-requests", { body: multipart<never>(form) }));
  });
  const fields = send.error?.fieldMessages() ?? {};
  const submit = submitWith(send, (value) => void navigate(`/admin/subject-requests/${value.id}`));
  return (
    <>
      <PageHeader
        title={t("subjectRequests.new.title")}
        subtitle={t("subjectRequests.new.intro")}
        actions={<Link to="/admin/subject-requests">{t("subjectRequests.adminTitle")}</Link>}
      />
      <section className="card">
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="subject-request-form">
          <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
          <SelectField
            label={t("subjectRequests.new.source")}
            value={source}
            onChange={setSource}
            options={SOURCES.map((s) => ({ value: s, label: t(`subjectRequests.new.sources.${s}`) }))}
            testId="sr-source"
          />
          <SelectField
            label={t("subjectRequests.right")}
            value={right}
            onChange={setRight}
            options={RIGHTS.map((r) => ({ value: r, label: t(`subjectRequests.rights.${r}`) }))}
            error={fields.right}
            testId="sr-right"
          />
          <SelectField
            label={t("subjectRequests.new.locale")}
            value={locale}
            onChange={setLocale}
            options={(["nl", "en"] as const).map((l) => ({ value: l, label: t(`languages.${l}`) }))}
            testId="sr-locale"
          />
          <TextField label={t("subjectRequests.content.name")} value={name} onChange={setName} required maxLength={200} error={fields.name} testId="sr-name" />
          <TextField
            label={t("subjectRequests.content.email")}
            type="email"
            value={email}
            onChange={setEmail}
            maxLength={254}
            error={fields.email}
            testId="sr-email"
          />
          <TextField label={t("subjectRequests.content.phone")} value={phone} onChange={setPhone} maxLength={20} error={fields.phone} testId="sr-phone" />
          <TextField
            label={t("subjectRequests.content.organisation")}
            value={organisation}
            onChange={setOrganisation}
            required
            maxLength={200}
            error={fields.organisation}
            testId="sr-organisation"
          />
          <TextField
            label={t("subjectRequests.content.website")}
            value={website}
            onChange={setWebsite}
            maxLength={253}
            error={fields.website}
            testId="sr-website"
          />
          <TextAreaField
            label={t("subjectRequests.content.message")}
            value={message}
            onChange={setMessage}
            required
            rows={6}
            error={fields.message}
            testId="sr-message"
          />
          <div className={`field${fields.files ? " field-invalid" : ""}`}>
            <label htmlFor="sr-files">{t("subjectRequests.new.files")}</label>
            <input id="sr-files" type="file" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} data-testid="sr-files" />
            {fields.files ? <p className="field-error">{fields.files}</p> : null}
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="sr-submit">
              {t("subjectRequests.new.submit")}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
