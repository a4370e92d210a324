import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import type { CreatedWebhookEndpoint } from "../../../api/types";
import { CopyButton } from "../../../components/CopyButton";
import { ErrorAlert, Notice } from "../../../components/ErrorAlert";
import { TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatInstant } from "../../../lib/format";
import { useMe } from "../../../session";
import { EndpointDeliveries } from "./EndpointDeliveries";
import { useStepUp } from "../../../components/StepUpDialog";

/**
 * The customer's webhook endpoints (Standard Webhooks): add one (its signing secret is shown once),
 * disable one, and per endpoint the delivery log with every attempt and a replay.
 */
export function WebhooksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const controllerId = me.controllerId ?? "";
  const owner = me.customerRole === "owner";
  const state = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/webhook-endpoints", { params: { path: { id: controllerId } } })), [controllerId]);
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  const [openLog, setOpenLog] = useState<string | null>(null);
  const create = useAction(() =>
    unwrap(
      api.POST("/api/v1/controllers/{id}/webhook-endpoints", {
        params: { path: { id: controllerId } },
        body: { url: url.trim(), ...(description.trim() ? { description: description.trim() } : {}) },
      }),
    ),
  );
  const disable = useAction((id: string) => unwrap(api.DELETE("/api/v1/webhook-endpoints/{id}", { params: { path: { id } } })));
  const stepUp = useStepUp();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await stepUp.guarded(() => create.execute());
    if (result.ok) {
      setCreated(result.value);
      setUrl("");
      setDescription("");
      state.reload();
    }
  }

  const fields = create.error?.fieldMessages() ?? {};
  return (
    <>
      <PageHeader title={t("webhooks.title")} subtitle={t("webhooks.intro")} />
      {stepUp.dialog}
      {owner ? null : <Notice tone="info">{t("webhooks.ownerOnly")}</Notice>}
      {created ? (
        <Notice tone="warning" testId="webhook-created">
          <p>
            <strong>{t("webhooks.createdOnce")}</strong>
          </p>
          <p className="small">
            {t("webhooks.secret")} — {created.url}
          </p>
          <div className="url-line">
            <code className="hash" data-testid="webhook-secret">
              {created.secret}
            </code>
            <CopyButton text={created.secret} testId="webhook-secret-copy" />
          </div>
          <p>{t("webhooks.secretExplain")}</p>
          <p className="hint">{t("webhooks.secretLost")}</p>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">{t("webhooks.endpoints")}</h2>
        <ErrorAlert error={disable.error} />
        <Loaded state={state}>
          {(endpoints) =>
            endpoints.length === 0 ? (
              <p className="muted" data-testid="webhooks-empty">
                {t("webhooks.none")}
              </p>
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="webhooks-table">
                  <thead>
                    <tr>
                      <th scope="col">{t("webhooks.url")}</th>
                      <th scope="col">{t("webhooks.description")}</th>
                      <th scope="col">{t("webhooks.createdAt")}</th>
                      <th scope="col">{t("webhooks.status")}</th>
                      <th scope="col">
                        <span className="sr-only">{t("common.actions")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {endpoints.map((e) => (
                      <Fragment key={e.id}>
                        <tr data-testid="webhook-row" data-disabled={e.disabledAt ? "true" : "false"}>
                          <td>
                            <code>{e.url}</code>
                          </td>
                          <td>{e.description || "—"}</td>
                          <td className="nowrap">{formatInstant(e.createdAt)}</td>
                          <td>
                            {e.disabledAt ? (
                              <Badge tone="neutral">{t("webhooks.disabled", { date: formatInstant(e.disabledAt) })}</Badge>
                            ) : (
                              <Badge tone="success">{t("webhooks.active")}</Badge>
                            )}
                          </td>
                          <td className="actions">
                            <button
                              type="button"
                              className="btn btn-small"
                              aria-expanded={openLog === e.id}
                              data-testid="webhook-log"
                              onClick={() => setOpenLog(openLog === e.id ? null : e.id)}
                            >
                              {openLog === e.id ? t("webhooks.hideLog") : t("webhooks.showLog")}
                            </button>{" "}
                            {owner && !e.disabledAt ? (
                              <button
                                type="button"
                                className="btn btn-small btn-danger"
                                disabled={disable.busy}
                                data-testid="webhook-disable"
                                onClick={() => {
                                  if (window.confirm(t("webhooks.confirmDisable", { url: e.url }))) {
                                    void stepUp.guarded(() => disable.execute(e.id)).then((r) => r.ok && state.reload());
                                  }
                                }}
                              >
                                {t("webhooks.disable")}
                              </button>
                            ) : null}
                          </td>
                        </tr>
                        {openLog === e.id ? (
                          <tr className="inline-detail">
                            <td colSpan={5}>
                              <h3>{t("webhooks.log")}</h3>
                              <EndpointDeliveries endpointId={e.id} canReplay={owner} />
                            </td>
                          </tr>
                        ) : null}
                      </Fragment>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>
      {owner ? (
        <section className="card" aria-labelledby="new-endpoint-heading">
          <h2 id="new-endpoint-heading">{t("webhooks.new")}</h2>
          <form noValidate onSubmit={(e) => void submit(e)} className="form-narrow">
            <ErrorAlert error={create.error} />
            <TextField
              label={t("webhooks.url")}
              type="text"
              value={url}
              onChange={setUrl}
              required
              maxLength={2000}
              hint={t("webhooks.urlHint")}
              error={fields.url}
              testId="webhook-url"
            />
            <TextField
              label={t("webhooks.description")}
              value={description}
              onChange={setDescription}
              maxLength={200}
              hint={t("webhooks.descriptionHint")}
              error={fields.description}
              testId="webhook-description"
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={create.busy} data-testid="webhook-add">
                {t("webhooks.add")}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}
