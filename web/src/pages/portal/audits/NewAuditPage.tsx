import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { auditReasonProblem } from "../../../../../src/domain/audit-reason.ts";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { submitWith, TextAreaField } from "../../../components/fields";
import { PageHeader } from "../../../components/PageHeader";
import { useLang } from "../../../lib/useLang";

/** art. 10.2: the customer requests an audit on a concrete, written, reasoned suspicion of misuse; the same rule as the server's says what is missing as it is typed. */
export function NewAuditPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [reason, setReason] = useState("");
  const [touched, setTouched] = useState(false);
  const action = useAction(() => unwrap(api.POST("/api/v1/audits", { body: { reason } })));
  const fields = action.error?.fieldMessages() ?? {};
  const problem = touched ? auditReasonProblem(reason) : null;
  return (
    <>
      <PageHeader title={t("audits.request.title")} actions={<Link to="/portal/audits">{t("audits.back")}</Link>} />
      <section className="card">
        <form
          noValidate
          onSubmit={(e) => void submitWith(action, (audit) => void navigate(`/portal/audits/${audit.id}`))(e)}
          data-testid="audit-request-form"
          aria-label={t("audits.request.title")}
        >
          <p className="hint">{t("audits.request.intro")}</p>
          <ErrorAlert error={action.error && Object.keys(fields).length === 0 ? action.error : undefined} />
          <TextAreaField
            label={t("audits.request.reason")}
            value={reason}
            onChange={(value) => {
              setReason(value);
              setTouched(true);
            }}
            required
            rows={6}
            error={fields.reason}
            hint={problem ? problem[lang] : undefined}
            testId="audit-reason"
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={action.busy} data-testid="audit-request-submit">
              {t("audits.request.submit")}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
