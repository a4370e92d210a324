import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextAreaField } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Annex2ChangesList } from "../../../components/measures/Annex2ChangesList";
import { formatInstant } from "../../../lib/format";
import { canEditMeasures, useMe } from "../../../session";

/** Publish Annex 2 (art. 7.1): the diff against the last version first, then an explicit act; earlier versions below. */
export function PublishAnnex2Page() {
  const { t } = useTranslation();
  const editable = canEditMeasures(useMe());
  const preview = useApi(() => unwrap(api.GET("/api/v1/annex2/preview")), []);
  const versions = useApi(() => unwrap(api.GET("/api/v1/annex2/versions")), []);
  const [note, setNote] = useState("");
  const [published, setPublished] = useState<number | null>(null);
  const publish = useAction(() => unwrap(api.POST("/api/v1/annex2/versions", { body: { note } })));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await publish.execute();
    if (result.ok) {
      setPublished(result.value.version);
      setNote("");
      preview.reload();
      versions.reload();
    }
  }
  const f = publish.error?.fieldMessages() ?? {};
  return (
    <>
      <p>
        <Link to="/admin/measures">{t("measures.back")}</Link>
      </p>
      <PageHeader title={t("measures.publish.title")} subtitle={t("measures.publish.intro")} />
      {published !== null ? (
        <Notice tone="success" testId="annex2-published">
          {t("measures.publish.done", { version: published })}
        </Notice>
      ) : null}
      <Loaded state={preview}>
        {(p) => (
          <section className="card" data-testid="annex2-preview">
            <p>{p.currentVersion === null ? t("measures.publish.noneYet") : t("measures.publish.current", { version: p.currentVersion })}</p>
            {p.hasChanges ? (
              <>
                <Annex2ChangesList changes={p.changes} testId="annex2-diff" />
                <p>{t("measures.publish.customers", { count: p.customers })}</p>
                {editable ? (
                  <form noValidate onSubmit={(e) => void submit(e)}>
                    <ErrorAlert error={publish.error} />
                    <TextAreaField label={t("measures.publish.note")} value={note} onChange={setNote} rows={3} error={f.note} testId="annex2-note" />
                    <button type="submit" className="btn btn-primary" disabled={publish.busy} data-testid="annex2-publish">
                      {t("measures.publish.submit")}
                    </button>
                  </form>
                ) : null}
              </>
            ) : (
              <p className="muted" data-testid="annex2-nothing">
                {t("measures.publish.nothing")}
              </p>
            )}
          </section>
        )}
      </Loaded>
      <Loaded state={versions}>
        {(list) => (
          <section className="card">
            <h2>{t("measures.publish.versions")}</h2>
            <div className="table-wrap">
              <table className="table" data-testid="annex2-versions">
                <thead>
                  <tr>
                    <th scope="col">{t("measures.publish.version")}</th>
                    <th scope="col">{t("measures.publish.publishedAt")}</th>
                    <th scope="col">{t("measures.publish.count")}</th>
                    <th scope="col">{t("measures.publish.note")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((v) => (
                    <tr key={v.version}>
                      <td>{v.version}</td>
                      <td className="nowrap">{formatInstant(v.publishedAt)}</td>
                      <td>{v.measureCount}</td>
                      <td>{v.note}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </Loaded>
    </>
  );
}
