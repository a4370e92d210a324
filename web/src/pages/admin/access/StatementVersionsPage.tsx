import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField, TextField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { formatInstant } from "../../../lib/format";
import { useMe } from "../../../session";

/** art. 2.3, 9.1: the statement's versions with their confirmations, each staff user's newest confirmation, and (admin) a new version. */
export function StatementVersionsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const overview = useApi(() => unwrap(api.GET("/api/v1/confidentiality-statements")), []);
  const [nl, setNl] = useState("");
  const [en, setEn] = useState("");
  const [note, setNote] = useState("");
  const [published, setPublished] = useState<number | null>(null);
  const publish = useAction(() => unwrap(api.POST("/api/v1/confidentiality-statements", { body: { text: { nl, en }, note: note.trim() || null } })));
  const f = publish.error?.fieldMessages() ?? {};

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await publish.execute();
    if (result.ok) {
      setPublished(result.value.version);
      overview.reload();
    }
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/confidentiality">{t("access.statement.title")}</Link>
      </p>
      <PageHeader title={t("access.versions.title")} subtitle={t("access.versions.intro")} />
      {published !== null ? (
        <Notice tone="success" testId="statement-published">
          {t("access.versions.done", { version: published })} <Link to="/admin/confidentiality">{t("access.statement.title")}</Link>
        </Notice>
      ) : null}
      <Loaded state={overview}>
        {(o) => (
          <>
            <section className="card" aria-labelledby="versions-heading">
              <h2 id="versions-heading">{t("access.versions.versionsHeading")}</h2>
              <div className="table-wrap">
                <table className="table" data-testid="statement-versions">
                  <thead>
                    <tr>
                      <th scope="col">{t("access.versions.version")}</th>
                      <th scope="col">{t("access.versions.published")}</th>
                      <th scope="col">{t("access.versions.publishedBy")}</th>
                      <th scope="col">{t("access.versions.note")}</th>
                      <th scope="col">{t("access.versions.confirmations")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.versions.map((v) => (
                      <tr key={v.id}>
                        <td>{v.version}</td>
                        <td>{formatInstant(v.publishedAt)}</td>
                        <td>{v.publishedBy}</td>
                        <td>{v.note ?? "—"}</td>
                        <td>{v.confirmations}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
            <section className="card" aria-labelledby="staff-heading">
              <h2 id="staff-heading">{t("access.versions.staffHeading")}</h2>
              <div className="table-wrap">
                <table className="table" data-testid="statement-staff">
                  <thead>
                    <tr>
                      <th scope="col">{t("access.versions.name")}</th>
                      <th scope="col">{t("access.versions.role")}</th>
                      <th scope="col">{t("access.versions.confirmedVersion")}</th>
                      <th scope="col">{t("access.versions.confirmedAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {o.staff.map((s) => (
                      <tr key={s.userId}>
                        <td>
                          {s.name}
                          <div className="muted small">{s.email}</div>
                        </td>
                        <td>{t(`roles.staff.${s.staffRole}`, { defaultValue: s.staffRole })}</td>
                        <td>
                          {s.version === null ? (
                            <span className="badge badge-danger">{t("access.versions.never")}</span>
                          ) : (
                            <>
                              {s.version}{" "}
                              <span className={`badge ${s.current ? "badge-success" : "badge-warning"}`}>
                                {s.current ? t("access.versions.current") : t("access.versions.outdated")}
                              </span>
                            </>
                          )}
                        </td>
                        <td>{formatInstant(s.confirmedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </>
        )}
      </Loaded>
      {me.staffRole === "admin" ? (
        <section className="card" aria-labelledby="publish-heading">
          <h2 id="publish-heading">{t("access.versions.publishHeading")}</h2>
          <p className="muted">{t("access.versions.publishIntro")}</p>
          <form noValidate onSubmit={(e) => void submit(e)}>
            <ErrorAlert error={publish.error} />
            <TextAreaField label={t("access.versions.textNl")} value={nl} onChange={setNl} rows={10} required error={f["text.nl"]} testId="statement-text-nl" />
            <TextAreaField label={t("access.versions.textEn")} value={en} onChange={setEn} rows={10} required error={f["text.en"]} testId="statement-text-en" />
            <TextField label={t("access.versions.note")} value={note} onChange={setNote} maxLength={500} error={f.note} testId="statement-note" />
            <button type="submit" className="btn btn-primary" disabled={publish.busy} data-testid="statement-publish">
              {t("access.versions.submit")}
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}
