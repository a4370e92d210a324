import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useAction, useApi } from "../../api/useApi";
import type { CreatedToken } from "../../api/types";
import { ErrorAlert, Notice } from "../../components/ErrorAlert";
import { NumberField, TextField, validLocally } from "../../components/fields";
import { Loaded } from "../../components/Loaded";
import { PageHeader } from "../../components/PageHeader";
import { formatInstant } from "../../lib/format";
import { useStepUp } from "../../components/StepUpDialog";

/** API tokens acting as the logged-in user; the secret is shown once, at creation. */
export function TokensPage() {
  const { t } = useTranslation();
  const state = useApi(() => unwrap(api.GET("/api/v1/tokens")), []);
  const [name, setName] = useState("");
  const [days, setDays] = useState<number>(Number.NaN);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useAction(() =>
    unwrap(api.POST("/api/v1/tokens", { body: { name: name.trim(), ...(Number.isFinite(days) ? { expiresInDays: days } : {}) } })),
  );
  const stepUp = useStepUp();
  const revoke = useAction((id: string) => unwrap(api.DELETE("/api/v1/tokens/{id}", { params: { path: { id } } })));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await stepUp.guarded(() => create.execute());
    if (result.ok) {
      setCreated(result.value);
      setName("");
      setDays(Number.NaN);
      state.reload();
    }
  }

  const fields = create.error?.fieldMessages() ?? {};
  return (
    <>
      <PageHeader title={t("tokens.title")} subtitle={t("tokens.intro")} />
      {created ? (
        <Notice tone="success" testId="token-created">
          <p>
            <strong>{t("tokens.createdOnce")}</strong>
          </p>
          <p>
            <code className="hash" data-testid="token-secret">
              {created.token}
            </code>{" "}
            <button type="button" className="btn btn-small" onClick={() => void navigator.clipboard.writeText(created.token)}>
              {t("common.copy")}
            </button>
          </p>
          <p className="hint">{t("tokens.usage")}</p>
        </Notice>
      ) : null}
      <section className="card">
        <h2>{t("tokens.yours")}</h2>
        <ErrorAlert error={revoke.error} />
        <Loaded state={state}>
          {(tokens) =>
            tokens.length === 0 ? (
              <p className="muted">{t("tokens.none")}</p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="tokens-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("tokens.name")}</th>
                      <th scope="col">{t("tokens.prefix")}</th>
                      <th scope="col">{t("tokens.createdAt")}</th>
                      <th scope="col">{t("tokens.lastUsedAt")}</th>
                      <th scope="col">{t("tokens.expiresAt")}</th>
                      <th scope="col">
                        <span className="sr-only">{t("common.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {tokens.map((token) => (
                      <tr key={token.id}>
                        <td>{token.name}</td>
                        <td>
                          <code>{token.prefix}…</code>
                        </td>
                        <td>{formatInstant(token.createdAt)}</td>
                        <td>{formatInstant(token.lastUsedAt)}</td>
                        <td>{token.expiresAt ? formatInstant(token.expiresAt) : t("tokens.never")}</td>
                        <td className="actions">
                          <button
                            type="button"
                            className="btn btn-small btn-danger"
                            disabled={revoke.busy}
                            data-testid="token-revoke"
                            onClick={() => {
                              if (window.confirm(t("tokens.confirmRevoke", { name: token.name }))) {
                                void revoke.execute(token.id).then((r) => r.ok && state.reload());
                              }
                            }}
                          >
                            {t("tokens.revoke")}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
      <section className="card">
        <h2>{t("tokens.new")}</h2>
        {stepUp.dialog}
        <form noValidate onSubmit={(e) => void submit(e)} className="form-narrow">
          <ErrorAlert error={create.error} />
          <TextField
            label={t("tokens.name")}
            value={name}
            onChange={setName}
            required
            maxLength={100}
            error={fields.name}
            testId="token-name"
            hint={t("tokens.nameHint")}
          />
          <NumberField
            label={t("tokens.expiresInDays")}
            value={days}
            onChange={setDays}
            min={1}
            max={730}
            error={fields.expiresInDays}
            hint={t("tokens.expiresHint")}
            testId="token-days"
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={create.busy} data-testid="token-create">
              {t("tokens.create")}
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
