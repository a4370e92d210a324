import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { Loaded } from "../../../components/Loaded";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";

/** The user's own sessions: which browser, since when, last active; end one, or all but this one. */
export function Sessions({ version }: { version: number }) {
  const { t } = useTranslation();
  const [ended, setEnded] = useState<number | null>(null);
  const sessions = useApi(() => unwrap(api.GET("/api/v1/auth/sessions")), [version, ended]);
  const end = useAction((id: string) => unwrap(api.DELETE("/api/v1/auth/sessions/{id}", { params: { path: { id } } })));
  const endOthers = useAction(() => unwrap(api.POST("/api/v1/auth/sessions/end-others")));

  async function endOne(id: string) {
    if ((await end.execute(id)).ok) {
      setEnded((n) => (n ?? 0) + 1);
    }
  }
  async function endAllOthers() {
    const result = await endOthers.execute();
    if (result.ok) {
      setEnded(result.value.sessionsEnded);
    }
  }

  return (
    <section className="card">
      <h2>{t("accounts.sessions.title")}</h2>
      <p className="muted">{t("accounts.sessions.intro")}</p>
      {ended !== null ? (
        <Notice tone="success" testId="sessions-ended">
          {t("accounts.sessions.ended", { count: ended })}
        </Notice>
      ) : null}
      <ErrorAlert error={end.error ?? endOthers.error} />
      <Loaded state={sessions}>
        {(list) => (
          <>
            <div className="table-wrap">
              <table className="table table-stack" data-testid="sessions-table">
                <thead>
                  <tr>
                    <th>{t("accounts.sessions.browser")}</th>
                    <th>{t("accounts.sessions.started")}</th>
                    <th>{t("accounts.sessions.lastSeen")}</th>
                    <th>
                      <span className="sr-only">{t("accounts.users.actions")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((session) => (
                    <tr key={session.id} data-testid="session-row" data-current={session.current ? "yes" : "no"}>
                      <td data-label={t("accounts.sessions.browser")}>
                        {session.browser ?? t("accounts.sessions.unknownBrowser")}{" "}
                        {session.current ? (
                          <Badge tone="info" testId="session-current">
                            {t("accounts.sessions.thisOne")}
                          </Badge>
                        ) : null}
                      </td>
                      <td data-label={t("accounts.sessions.started")}>{formatInstant(session.createdAt)}</td>
                      <td data-label={t("accounts.sessions.lastSeen")}>{formatInstant(session.lastSeenAt ?? session.createdAt)}</td>
                      <td>
                        {session.current ? null : (
                          <button type="button" className="btn btn-small" onClick={() => void endOne(session.id)} disabled={end.busy} data-testid="session-end">
                            {t("accounts.sessions.end")}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {list.some((s) => !s.current) ? (
              <div className="form-actions">
                <button
                  type="button"
                  className="btn btn-danger"
                  onClick={() => void endAllOthers()}
                  disabled={endOthers.busy}
                  data-testid="sessions-end-others"
                >
                  {t("accounts.sessions.endOthers")}
                </button>
              </div>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  );
}
