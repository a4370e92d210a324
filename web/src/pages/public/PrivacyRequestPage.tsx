import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import { ErrorAlert } from "../../components/ErrorAlert";
import { SelectField, TextAreaField, TextField, submitWith } from "../../components/fields";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { Loaded } from "../../components/Loaded";
import { currentLocale } from "../../i18n";
import { formatInstant } from "../../lib/format";

export const RIGHTS = ["access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decisions"] as const;

/** The public pages' frame: the processor's name, the language switch, no login needed. */
function PublicFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const trust = useApi(() => unwrap(api.GET("/api/v1/trust")), []);
  return (
    <div className="shell public-shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Link className="brand" to="/trust">
            {trust.data?.processor.name ?? "Art28"}
          </Link>
          <div className="topbar-right">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="content" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

/**
 * A data subject's request to the processor (art. 8.1), without login. The form asks for a ticket
 * when shown (the server refuses a submission sent within seconds of it), carries a field hidden
 * from people (a script fills it in and is refused), and says what happens next: a link to confirm
 * the address, then forwarding to the organisation responsible.
 */
export function PrivacyRequestPage() {
  const { t } = useTranslation();
  const ticket = useApi(() => unwrap(api.POST("/api/v1/public/privacy-requests/tickets")), []);
  const [right, setRight] = useState<(typeof RIGHTS)[number]>("access");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [organisation, setOrganisation] = useState("");
  const [website, setWebsite] = useState("");
  const [message, setMessage] = useState("");
  const honeypot = useRef<HTMLInputElement>(null);
  const [sent, setSent] = useState<{ reference: string; confirmBy: string } | null>(null);
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/public/privacy-requests", {
        body: {
          ticket: ticket.data?.ticket ?? "",
          homepage: honeypot.current?.value ?? "",
          locale: currentLocale(),
          right,
          name,
          email,
          organisation,
          message,
          ...(phone.trim() === "" ? {} : { phone }),
          ...(website.trim() === "" ? {} : { website }),
        },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  useEffect(() => {
    document.title = `${t("subjectRequests.public.title")} · Art28`;
  }, [t]);
  const submit = submitWith(send, setSent);
  return (
    <PublicFrame>
      <div className="page-header">
        <div>
          <h1>{t("subjectRequests.public.title")}</h1>
          <p className="subtitle">{t("subjectRequests.public.intro")}</p>
        </div>
      </div>
      <section className="card">
        {sent ? (
          <p role="status" data-testid="privacy-request-sent">
            {t("subjectRequests.public.sent", { email, until: formatInstant(sent.confirmBy), reference: sent.reference })}
          </p>
        ) : (
          <Loaded state={ticket}>
            {() => (
              <form noValidate onSubmit={(e) => void submit(e)} data-testid="privacy-request-form">
                <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
                {fields.ticket ? <ErrorAlert error={send.error} /> : null}
                <SelectField
                  label={t("subjectRequests.public.right")}
                  value={right}
                  onChange={setRight}
                  options={RIGHTS.map((r) => ({ value: r, label: t(`subjectRequests.rights.${r}`) }))}
                  testId="pr-right"
                />
                <TextField
                  label={t("subjectRequests.public.name")}
                  value={name}
                  onChange={setName}
                  required
                  maxLength={200}
                  error={fields.name}
                  testId="pr-name"
                  autoComplete="name"
                />
                <TextField
                  label={t("subjectRequests.public.email")}
                  hint={t("subjectRequests.public.emailHint")}
                  type="email"
                  value={email}
                  onChange={setEmail}
                  required
                  maxLength={254}
                  error={fields.email}
                  testId="pr-email"
                  autoComplete="email"
                />
                <TextField
                  label={t("subjectRequests.public.phone")}
                  value={phone}
                  onChange={setPhone}
                  maxLength={20}
                  error={fields.phone}
                  testId="pr-phone"
                  autoComplete="tel"
                />
                <TextField
                  label={t("subjectRequests.public.organisation")}
                  hint={t("subjectRequests.public.organisationHint")}
                  value={organisation}
                  onChange={setOrganisation}
                  required
                  maxLength={200}
                  error={fields.organisation}
                  testId="pr-organisation"
                />
                <TextField
                  label={t("subjectRequests.public.website")}
                  value={website}
                  onChange={setWebsite}
                  maxLength={253}
                  error={fields.website}
                  testId="pr-website"
                />
                <TextAreaField
                  label={t("subjectRequests.public.message")}
                  value={message}
                  onChange={setMessage}
                  required
                  rows={6}
                  error={fields.message}
                  testId="pr-message"
                />
                <div className="honeypot" aria-hidden="true">
                  <label htmlFor="pr-homepage">{t("subjectRequests.public.honeypot")}</label>
                  <input id="pr-homepage" ref={honeypot} name="homepage" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
                </div>
                <p className="small muted">{t("subjectRequests.public.privacy")}</p>
                <div className="form-actions">
                  <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="pr-submit">
                    {t("subjectRequests.public.submit")}
                  </button>
                </div>
              </form>
            )}
          </Loaded>
        )}
      </section>
    </PublicFrame>
  );
}

/** The e-mailed link: confirms the address, and only then is the request received. */
export function ConfirmPrivacyRequestPage() {
  const { t } = useTranslation();
  const { secret = "" } = useParams();
  const confirm = useAction(() => unwrap(api.POST("/api/v1/public/privacy-requests/confirm", { body: { secret } })));
  const [confirmed, setConfirmed] = useState<{ reference: string } | null>(null);
  const started = useRef(false);
  useEffect(() => {
    // Once, though React may run an effect twice: the link works once.
    if (!started.current) {
      started.current = true;
      void confirm.execute().then((result) => result.ok && setConfirmed(result.value));
    }
  }, [confirm]);
  return (
    <PublicFrame>
      <div className="page-header">
        <h1>{t("subjectRequests.public.confirmTitle")}</h1>
      </div>
      <section className="card">
        <ErrorAlert error={confirm.error} />
        {confirmed ? (
          <p role="status" data-testid="privacy-request-confirmed">
            {t("subjectRequests.public.confirmed", { reference: confirmed.reference })}
          </p>
        ) : confirm.error ? null : (
          <p className="muted">{t("subjectRequests.public.confirming")}</p>
        )}
      </section>
    </PublicFrame>
  );
}
