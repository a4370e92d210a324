import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { DateTimeField, TextAreaField, submitWith } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatEuros, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { localToInstant } from "../../../lib/zoned";
import { useMe } from "../../../session";
import { DefaultNoticeView } from "../../shared/claims/DefaultNoticeView";

/**
 * art. 11 in the portal, for the customer's owner and privacy contact only: give notice of default
 * (11.5), follow each notice's cure period, and see the customer's claims with their lapse dates.
 */
export function PortalClaimsPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const notices = useApi(() => unwrap(api.GET("/api/v1/default-notices")), []);
  const claims = useApi(() => unwrap(api.GET("/api/v1/claims")), []);
  return (
    <>
      <PageHeader title={t("claims.portal.title")} subtitle={t("claims.confidential")} />
      <section className="card" aria-labelledby="file-heading">
        <h2 id="file-heading">{t("claims.portal.file")}</h2>
        <p className="muted small">{t("claims.portal.intro")}</p>
        <FileNoticeForm controllerId={controllerId} onDone={notices.reload} />
      </section>
      <section className="card" aria-labelledby="notices-heading">
        <h2 id="notices-heading">{t("claims.notices.title")}</h2>
        <Loaded state={notices}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("claims.notices.none")}</p>
            ) : (
              <ul className="plain" data-testid="default-notices">
                {list.map((n) => (
                  <li key={n.id} data-testid="default-notice-row" data-reference={n.reference}>
                    <Link to={`/portal/default-notices/${n.id}`}>{n.reference}</Link> · {formatInstant(n.givenAt)} ·{" "}
                    {n.late ? <strong>{t("claims.notices.late")}</strong> : t("claims.notices.inTime")}
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
      <section className="card" aria-labelledby="claims-heading">
        <h2 id="claims-heading">{t("claims.register.title")}</h2>
        <Loaded state={claims}>
          {(list) =>
            list.length === 0 ? (
              <p className="muted">{t("claims.register.none")}</p>
            ) : (
              <ul className="plain" data-testid="portal-claims">
                {list.map((c) => (
                  <li key={c.id}>
                    <strong>{c.reference}</strong> ({c.eventReference}) · {t("claims.register.direct")} {formatEuros(c.directCents, lang)} ·{" "}
                    {t("claims.register.lapsesAt")} {formatInstant(c.lapsesAt)}
                  </li>
                ))}
              </ul>
            )
          }
        </Loaded>
      </section>
    </>
  );
}

function FileNoticeForm({ controllerId, onDone }: { controllerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState("");
  const [learnedAt, setLearnedAt] = useState("");
  const [sent, setSent] = useState(false);
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/controllers/{id}/default-notices", {
        params: { path: { id: controllerId } },
        body: { description, learnedAt: localToInstant(learnedAt) ?? "" },
      }),
    ),
  );
  const fields = send.error?.fieldMessages() ?? {};
  return (
    <form
      noValidate
      data-testid="default-notice-form"
      aria-label={t("claims.portal.file")}
      onSubmit={(e) => {
        setSent(false);
        void submitWith(send, () => {
          setDescription("");
          setLearnedAt("");
          setSent(true);
          onDone();
        })(e);
      }}
    >
      {sent ? (
        <Notice tone="success" testId="default-notice-sent">
          {t("claims.portal.sent")}
        </Notice>
      ) : null}
      <ErrorAlert error={send.error && Object.keys(fields).length === 0 ? send.error : undefined} />
      <TextAreaField
        label={t("claims.portal.description")}
        value={description}
        onChange={setDescription}
        required
        rows={5}
        error={fields.description}
        testId="default-notice-description"
      />
      <DateTimeField
        label={t("claims.portal.learnedAt")}
        value={learnedAt}
        onChange={setLearnedAt}
        required
        error={fields.learnedAt}
        testId="default-notice-learned"
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="default-notice-send">
          {t("claims.portal.send")}
        </button>
      </div>
    </form>
  );
}

/** One notice of default in the portal. */
export function PortalDefaultNoticePage() {
  return <DefaultNoticeView back="/portal/claims" />;
}
