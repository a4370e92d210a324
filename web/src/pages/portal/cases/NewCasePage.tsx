import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction, useApi } from "../../../api/useApi";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField, SelectField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { Loaded } from "../../../components/Loaded";
import { PageHeader } from "../../../components/PageHeader";
import { useLang } from "../../../lib/useLang";
import { useMe } from "../../../session";

type Subject = "dpia" | "prior_consultation";

/** A new request: its kind (DPIA help, art. 2.4; a question about the measures, art. 2.2) and the kind's fields. */
export function NewCasePage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const me = useMe();
  const navigate = useNavigate();
  const controllerId = me.controllerId ?? "";
  const context = useApi(async () => {
    const [kinds, controller, annex2] = await Promise.all([
      unwrap(api.GET("/api/v1/case-kinds")),
      unwrap(api.GET("/api/v1/controllers/{id}", { params: { path: { id: controllerId } } })),
      unwrap(api.GET("/api/v1/annex2")),
    ]);
    return { kinds, services: controller.services, measures: annex2.measures };
  }, [controllerId]);
  const [params] = useSearchParams();
  const [kind, setKind] = useState(params.get("kind") ?? "dpia_help");
  const [subjectRequest, setSubjectRequest] = useState(params.get("subjectRequest") ?? "");
  const [subject, setSubject] = useState<Subject>("dpia");
  const [title, setTitle] = useState("");
  const [what, setWhat] = useState("");
  const [services, setServices] = useState<string[]>([]);
  const [neededBy, setNeededBy] = useState("");
  const [reference, setReference] = useState("");
  const [question, setQuestion] = useState("");
  const [measures, setMeasures] = useState<string[]>([]);
  const [standard, setStandard] = useState("");
  const [purpose, setPurpose] = useState("");
  const [description, setDescription] = useState("");
  const [data, setData] = useState("");
  const [from, setFrom] = useState("");
  const create = useAction(() =>
    unwrap(
      api.POST("/api/v1/cases", {
        body:
          kind === "measures_question"
            ? { kind: "measures_question", request: { question, measures, ...(standard.trim() === "" ? {} : { standard }) } }
            : kind === "instruction"
              ? { kind: "instruction", request: { purpose, description, data, services, from, ...(reference.trim() === "" ? {} : { reference }) } }
              : kind === "subject_request_help"
                ? { kind: "subject_request_help", request: { subjectRequest, what, neededBy: neededBy === "" ? null : neededBy } }
                : {
                    kind: "dpia_help",
                    request: { subject, title, what, services, neededBy: neededBy === "" ? null : neededBy, ...(reference.trim() === "" ? {} : { reference }) },
                  },
      }),
    ),
  );
  const fields = create.error?.fieldMessages() ?? {};

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const result = await create.execute();
    if (result.ok) {
      void navigate(`/portal/cases/${result.value.id}`);
    }
  }

  /** The services the customer takes, to tick (DPIA help, an instruction). */
  const servicesField = (legend: string, taken: { code: string; nameNl: string; nameEn: string }[]) => (
    <fieldset className="field">
      <legend>{legend}</legend>
      {taken.map((s) => (
        <CheckboxField
          key={s.code}
          label={pick(s.nameNl, s.nameEn)}
          checked={services.includes(s.code)}
          onChange={(on) => setServices((list) => (on ? [...list, s.code] : list.filter((c) => c !== s.code)))}
          testId={`case-service-${s.code}`}
        />
      ))}
      {(fields["request.services"] ?? fields["request.services.0"]) ? (
        <p className="field-error">{fields["request.services"] ?? fields["request.services.0"]}</p>
      ) : null}
    </fieldset>
  );

  return (
    <>
      <PageHeader
        title={t("cases.newRequest")}
        subtitle={
          kind === "measures_question"
            ? t("cases.measures.intro")
            : kind === "instruction"
              ? t("cases.instruction.intro")
              : kind === "subject_request_help"
                ? t("cases.subjectRequestHelp.intro")
                : t("cases.form.intro")
        }
        actions={<Link to="/portal/cases">{t("cases.back")}</Link>}
      />
      <section className="card">
        <Loaded state={context}>
          {({ kinds, services: taken, measures: annex2 }) => (
            <form noValidate onSubmit={(e) => void submit(e)} data-testid="case-form">
              <ErrorAlert error={create.error && Object.keys(fields).length === 0 ? create.error : undefined} />
              <SelectField
                label={t("cases.kind")}
                value={kind}
                onChange={setKind}
                options={kinds.map((k) => ({ value: k.kind, label: `${pick(k.label.nl, k.label.en)} (art. ${k.article})` }))}
                testId="case-kind"
              />
              {kind === "measures_question" ? (
                <>
                  <TextAreaField
                    label={t("cases.measures.question")}
                    value={question}
                    onChange={setQuestion}
                    required
                    rows={6}
                    error={fields["request.question"]}
                    testId="case-question"
                  />
                  <fieldset className="field">
                    <legend>{t("cases.measures.pick")}</legend>
                    {annex2.map((m) => (
                      <CheckboxField
                        key={m.code}
                        label={`${m.code} · ${pick(m.title.nl, m.title.en)}`}
                        checked={measures.includes(m.code)}
                        onChange={(on) => setMeasures((list) => (on ? [...list, m.code] : list.filter((c) => c !== m.code)))}
                        testId={`case-measure-${m.code}`}
                      />
                    ))}
                    {Object.entries(fields)
                      .filter(([field]) => field.startsWith("request.measures"))
                      .map(([field, message]) => (
                        <p key={field} className="field-error">
                          {message}
                        </p>
                      ))}
                  </fieldset>
                  <TextField
                    label={t("cases.measures.standard")}
                    hint={t("cases.measures.standardHint")}
                    value={standard}
                    onChange={setStandard}
                    maxLength={200}
                    error={fields["request.standard"]}
                    testId="case-standard"
                  />
                </>
              ) : kind === "subject_request_help" ? (
                <>
                  <TextField
                    label={t("cases.subjectRequestHelp.reference")}
                    hint={t("cases.subjectRequestHelp.referenceHint")}
                    value={subjectRequest}
                    onChange={setSubjectRequest}
                    required
                    maxLength={20}
                    error={fields["request.subjectRequest"]}
                    testId="case-subject-request"
                  />
                  <TextAreaField
                    label={t("cases.subjectRequestHelp.what")}
                    value={what}
                    onChange={setWhat}
                    required
                    rows={6}
                    error={fields["request.what"]}
                    testId="case-what"
                  />
                  <TextField
                    label={t("cases.form.neededBy")}
                    type="date"
                    value={neededBy}
                    onChange={setNeededBy}
                    error={fields["request.neededBy"]}
                    testId="case-needed-by"
                  />
                </>
              ) : kind === "instruction" ? (
                <>
                  <TextField
                    label={t("cases.instruction.purpose")}
                    hint={t("cases.instruction.purposeHint")}
                    value={purpose}
                    onChange={setPurpose}
                    required
                    maxLength={200}
                    error={fields["request.purpose"]}
                    testId="instruction-purpose"
                  />
                  <TextAreaField
                    label={t("cases.instruction.description")}
                    value={description}
                    onChange={setDescription}
                    required
                    rows={5}
                    error={fields["request.description"]}
                    testId="instruction-description"
                  />
                  <TextAreaField
                    label={t("cases.instruction.data")}
                    value={data}
                    onChange={setData}
                    required
                    rows={3}
                    error={fields["request.data"]}
                    testId="instruction-data"
                  />
                  {servicesField(t("cases.instruction.services"), taken)}
                  <TextField
                    label={t("cases.instruction.from")}
                    type="date"
                    value={from}
                    onChange={setFrom}
                    required
                    error={fields["request.from"]}
                    testId="instruction-from"
                  />
                  <TextField
                    label={t("cases.form.reference")}
                    value={reference}
                    onChange={setReference}
                    maxLength={100}
                    error={fields["request.reference"]}
                    testId="case-reference"
                  />
                </>
              ) : (
                <>
                  <SelectField
                    label={t("cases.form.subject")}
                    value={subject}
                    onChange={setSubject}
                    options={(["dpia", "prior_consultation"] as const).map((s) => ({ value: s, label: t(`cases.form.subjects.${s}`) }))}
                    error={fields["request.subject"]}
                    testId="case-subject"
                  />
                  <TextField
                    label={t("cases.form.title")}
                    value={title}
                    onChange={setTitle}
                    required
                    maxLength={200}
                    error={fields["request.title"]}
                    testId="case-title"
                  />
                  <TextAreaField
                    label={t("cases.form.what")}
                    value={what}
                    onChange={setWhat}
                    required
                    rows={6}
                    error={fields["request.what"]}
                    testId="case-what"
                  />
                  {servicesField(t("cases.form.services"), taken)}
                  <TextField
                    label={t("cases.form.neededBy")}
                    type="date"
                    value={neededBy}
                    onChange={setNeededBy}
                    error={fields["request.neededBy"]}
                    testId="case-needed-by"
                  />
                  <TextField
                    label={t("cases.form.reference")}
                    value={reference}
                    onChange={setReference}
                    maxLength={100}
                    error={fields["request.reference"]}
                    testId="case-reference"
                  />
                </>
              )}
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={create.busy} data-testid="case-submit">
                  {t("cases.form.submit")}
                </button>
              </div>
            </form>
          )}
        </Loaded>
      </section>
    </>
  );
}
