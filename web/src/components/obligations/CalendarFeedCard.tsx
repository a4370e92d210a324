import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction } from "../../api/useApi";
import { CopyButton } from "../CopyButton";
import { ErrorAlert, Notice } from "../ErrorAlert";

/**
 * The personal iCalendar feed of the logged-in user's deadlines. The server keeps only a hash of
 * the URL's token, so the URL can be shown once; a new one replaces the old.
 */
export function CalendarFeedCard() {
  const { t } = useTranslation();
  const [url, setUrl] = useState<string | null>(null);
  const create = useAction(() => unwrap(api.POST("/api/v1/calendar-feed")));
  return (
    <section className="card" aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t("calendar.heading")}</h2>
      <p>{t("calendar.intro")}</p>
      <ErrorAlert error={create.error} />
      {url ? (
        <Notice tone="warning" testId="calendar-feed">
          <p>
            <strong>{t("calendar.url")}</strong>
          </p>
          <div className="url-line">
            <code className="hash" data-testid="calendar-url">
              {url}
            </code>
            <CopyButton text={url} testId="calendar-copy" />
          </div>
          <p>{t("calendar.private")}</p>
          <p className="hint">{t("calendar.howTo")}</p>
        </Notice>
      ) : null}
      <div className="form-actions">
        <button
          type="button"
          className="btn"
          disabled={create.busy}
          data-testid="calendar-create"
          onClick={() => {
            if (url === null || window.confirm(t("calendar.replaceWarning"))) {
              void create.execute().then((r) => r.ok && setUrl(r.value.url));
            }
          }}
        >
          {url ? t("calendar.replace") : t("calendar.create")}
        </button>
        <span className="hint">{t("calendar.replaceWarning")}</span>
      </div>
    </section>
  );
}
