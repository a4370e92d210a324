import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, multipart, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { DateTimeField, SelectField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { Badge } from "../../../components/StatusBadge";
import { formatDate, formatInstant } from "../../../lib/format";
import { useLang } from "../../../lib/useLang";
import { instantToLocal, localToInstant } from "../../../lib/zoned";
import { CertificateList, type Ending } from "./EndingParts";

type Line = Ending["lines"][number];
type Hold = Ending["holds"][number];

/**
 * A customer's end of agreement for staff (art. 12.2, 12.4): the deletion plan line by line, each
 * confirmed with when and how (a sub-processor's own confirmation attached first), the legal holds
 * and their deletion, the certificates and the customer's requests for a return.
 */
export function EndingPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const state = useApi(() => unwrap(api.GET("/api/v1/controllers/{id}/ending", { params: { path: { id } } })), [id]);
  return (
    <>
      <p>
        <Link to="/admin/endings">← {t("ending.back")}</Link>
      </p>
      <Loaded state={state}>
        {({ ending }) =>
          ending === null ? (
            <>
              <PageHeader title={t("ending.adminTitle")} />
              <p className="muted" data-testid="ending-not-ended">
                {t("ending.notEnded")}
              </p>
            </>
          ) : (
            <EndingView controllerId={id} ending={ending} onChange={state.reload} />
          )
        }
      </Loaded>
    </>
  );
}

function EndingView({ controllerId, ending, onChange }: { controllerId: string; ending: Ending; onChange: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={`${t("ending.adminTitle")} · ${ending.reference}`} subtitle={t("ending.planIntro")} />
      <section className="card">
        <dl className="facts">
          <div>
            <dt>{t("ending.endedAt")}</dt>
            <dd>{formatInstant(ending.endedAt)}</dd>
          </div>
          <div>
            <dt>{t("ending.source")}</dt>
            <dd>{ending.source}</dd>
          </div>
          <div>
            <dt>{t("ending.services")}</dt>
            <dd>{ending.services.join(", ")}</dd>
          </div>
          <div>
            <dt>{t("ending.planDueAt")}</dt>
            <dd data-testid="ending-plan-due">
              {formatInstant(ending.planDueAt)}{" "}
              {ending.completedAt ? (
                <Badge tone="success">{t("ending.complete")}</Badge>
              ) : ending.planOverdue ? (
                <Badge tone="danger">{t("ending.overdue")}</Badge>
              ) : (
                <Badge tone="info">{t("ending.running")}</Badge>
              )}
            </dd>
          </div>
          <div>
            <dt>{t("ending.portalClosesAt")}</dt>
            <dd>{ending.portalClosedAt ? `${t("ending.portalClosedAt")} ${formatInstant(ending.portalClosedAt)}` : formatInstant(ending.portalClosesAt)}</dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="plan-heading">
        <h2 id="plan-heading">{t("ending.plan")}</h2>
        <ul className="plain" data-testid="plan-lines">
          {ending.lines.map((line) => (
            <PlanLine key={line.id} line={line} onChange={onChange} />
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="holds-heading">
        <h2 id="holds-heading">{t("ending.holds")}</h2>
        <p className="muted small">{t("ending.holdsIntro")}</p>
        {ending.holds.length === 0 ? <p className="muted">{t("ending.noHolds")}</p> : null}
        <ul className="plain" data-testid="holds">
          {ending.holds.map((hold) => (
            <HoldItem key={hold.id} hold={hold} onChange={onChange} />
          ))}
        </ul>
        {ending.completedAt === null ? <HoldForm controllerId={controllerId} onDone={onChange} /> : null}
      </section>
      <section className="card" aria-labelledby="certificates-heading">
        <h2 id="certificates-heading">{t("ending.certificates")}</h2>
        <CertificateList ending={ending} />
      </section>
      <section className="card" aria-labelledby="returns-heading">
        <h2 id="returns-heading">{t("ending.returns")}</h2>
        {ending.returnRequests.length === 0 ? (
          <p className="muted">{t("ending.noReturns")}</p>
        ) : (
          <ul className="plain">
            {ending.returnRequests.map((r) => (
              <li key={r.id}>
                <Link to={`/admin/cases/${r.id}`}>{formatInstant(r.askedAt)}</Link> · {t("ending.neededBy")}{" "}
                {r.neededBy ? formatDate(`${r.neededBy}T12:00:00Z`) : "—"}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PlanLine({ line, onChange }: { line: Line; onChange: () => void }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <li className="card-item" data-testid="plan-line" data-party={line.party} data-confirmed={line.confirmedAt ? "yes" : "no"}>
      <h3 className="h3">
        {pick(line.system.nl, line.system.en)} · {pick(line.category.nl, line.category.en)}{" "}
        <span className="muted small">{t(`ending.party.${line.party}`)}</span>
      </h3>
      {line.attachment ? (
        <p className="small">
          {t("ending.attachment")}: {line.attachment.fileName} · {t("ending.sha256")} <code className="hash">{line.attachment.sha256}</code>
        </p>
      ) : null}
      {line.confirmedAt ? (
        <p className="small" data-testid="line-confirmed">
          <Badge tone="success">{t("ending.confirmed")}</Badge> {formatInstant(line.deletedAt)} · {line.method} · {t("ending.confirmedBy")}{" "}
          {line.confirmedByName}
        </p>
      ) : (
        <>
          {line.party === "subprocessor" ? <AttachForm lineId={line.id} onDone={onChange} /> : null}
          <ConfirmForm lineId={line.id} onDone={onChange} />
        </>
      )}
    </li>
  );
}

function AttachForm({ lineId, onDone }: { lineId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useAction(() => {
    const form = new FormData();
    if (file) {
      form.append("file", file, file.name);
    }
    return unwrap(api.POST("/api/v1/deletion-lines/{id}/attachment", { params: { path: { id: lineId } }, body: multipart<{ file?: string }>(form) }));
  });
  const f = upload.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent) {
    event.preventDefault();
    if ((await upload.execute()).ok) {
      setFile(null);
      if (input.current) {
        input.current.value = "";
      }
      onDone();
    }
  }
  const inputId = `attach-${lineId}`;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="attach-form" className="inline-form">
      <ErrorAlert error={upload.error && !f.file ? upload.error : undefined} />
      <div className="field">
        <label htmlFor={inputId}>{t("ending.attachment")}</label>
        <input
          id={inputId}
          ref={input}
          type="file"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          aria-invalid={f.file ? true : undefined}
          data-testid="attach-file"
        />
        {f.file ? <p className="field-error">{f.file}</p> : null}
      </div>
      <button type="submit" className="btn" disabled={upload.busy || file === null} data-testid="attach-submit">
        {t("ending.attach")}
      </button>
    </form>
  );
}

function ConfirmForm({ lineId, onDone }: { lineId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [deletedAt, setDeletedAt] = useState(() => instantToLocal(new Date().toISOString()));
  const [method, setMethod] = useState("");
  const send = useAction(() =>
    unwrap(
      api.POST("/api/v1/deletion-lines/{id}/confirmation", { params: { path: { id: lineId } }, body: { deletedAt: localToInstant(deletedAt) ?? "", method } }),
    ),
  );
  const f = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if ((await send.execute()).ok) {
      onDone();
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="confirm-form" aria-label={t("ending.confirmLine")}>
      <ErrorAlert error={send.error && Object.keys(f).length === 0 ? send.error : undefined} />
      {f.attachment ? <p className="field-error">{f.attachment}</p> : null}
      <DateTimeField
        label={t("ending.deletedAt")}
        hint={t("ending.zoneHint")}
        value={deletedAt}
        onChange={setDeletedAt}
        required
        error={f.deletedAt}
        testId="confirm-deleted-at"
      />
      <TextAreaField label={t("ending.method")} value={method} onChange={setMethod} required rows={2} error={f.method} testId="confirm-method" />
      <button type="submit" className="btn btn-primary" disabled={send.busy} data-testid="confirm-submit">
        {t("ending.confirm")}
      </button>
    </form>
  );
}

function HoldItem({ hold, onChange }: { hold: Hold; onChange: () => void }) {
  const { t } = useTranslation();
  const [deletedAt, setDeletedAt] = useState(() => instantToLocal(new Date().toISOString()));
  const [method, setMethod] = useState("");
  const send = useAction(() =>
    unwrap(api.POST("/api/v1/legal-holds/{id}/release", { params: { path: { id: hold.id } }, body: { deletedAt: localToInstant(deletedAt) ?? "", method } })),
  );
  const f = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if ((await send.execute()).ok) {
      onChange();
    }
  }
  return (
    <li className="card-item" data-testid="hold">
      <p>
        <strong>{hold.data}</strong> · {hold.legalGround} · {t(`ending.capacities.${hold.capacity}`)}
      </p>
      <p className="small">
        {t("ending.endsOn")} {formatDate(`${hold.endsOn}T12:00:00Z`)}{" "}
        {hold.deletedAt ? (
          <Badge tone="success">{t("ending.holdDeleted")}</Badge>
        ) : hold.ended ? (
          <Badge tone="warning">{t("ending.holdEnded")}</Badge>
        ) : (
          <Badge tone="info">{t("ending.holdRunning")}</Badge>
        )}
        {hold.deletedAt ? ` ${formatInstant(hold.deletedAt)} · ${hold.method ?? ""}` : null}
      </p>
      {hold.ended && !hold.deletedAt ? (
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="release-form" aria-label={t("ending.release")}>
          <ErrorAlert error={send.error && Object.keys(f).length === 0 ? send.error : undefined} />
          <DateTimeField label={t("ending.deletedAt")} hint={t("ending.zoneHint")} value={deletedAt} onChange={setDeletedAt} required error={f.deletedAt} />
          <TextAreaField label={t("ending.method")} value={method} onChange={setMethod} required rows={2} error={f.method} />
          <button type="submit" className="btn" disabled={send.busy}>
            {t("ending.release")}
          </button>
        </form>
      ) : null}
    </li>
  );
}

function HoldForm({ controllerId, onDone }: { controllerId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [data, setData] = useState("");
  const [legalGround, setLegalGround] = useState("");
  const [capacity, setCapacity] = useState<"controller" | "processor">("controller");
  const [endsOn, setEndsOn] = useState("");
  const send = useAction(() =>
    unwrap(api.POST("/api/v1/controllers/{id}/ending/holds", { params: { path: { id: controllerId } }, body: { data, legalGround, capacity, endsOn } })),
  );
  const f = send.error?.fieldMessages() ?? {};
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    if ((await send.execute()).ok) {
      setData("");
      setLegalGround("");
      setEndsOn("");
      onDone();
    }
  }
  return (
    <form noValidate onSubmit={(e) => void submit(e)} data-testid="hold-form" aria-label={t("ending.addHold")}>
      <h3 className="h3">{t("ending.addHold")}</h3>
      <ErrorAlert error={send.error && Object.keys(f).length === 0 ? send.error : undefined} />
      <TextAreaField label={t("ending.holdData")} value={data} onChange={setData} required rows={2} error={f.data} testId="hold-data" />
      <TextField
        label={t("ending.legalGround")}
        value={legalGround}
        onChange={setLegalGround}
        required
        maxLength={500}
        error={f.legalGround}
        testId="hold-ground"
      />
      <SelectField
        label={t("ending.capacity")}
        value={capacity}
        onChange={setCapacity}
        options={[
          { value: "controller", label: t("ending.capacities.controller") },
          { value: "processor", label: t("ending.capacities.processor") },
        ]}
        testId="hold-capacity"
      />
      <TextField label={t("ending.endsOn")} type="date" value={endsOn} onChange={setEndsOn} required error={f.endsOn} testId="hold-ends-on" />
      <button type="submit" className="btn" disabled={send.busy} data-testid="hold-submit">
        {t("ending.addHold")}
      </button>
    </form>
  );
}
