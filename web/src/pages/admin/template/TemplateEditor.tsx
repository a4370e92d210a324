import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../../api/client";
import { useAction } from "../../../api/useApi";
import type { Clocks, NewTemplateBody, TemplateDetail } from "../../../api/types";
import { ErrorAlert } from "../../../components/ErrorAlert";
import { CheckboxField, NumberField, TextAreaField, TextField, validLocally } from "../../../components/fields";
import { CLOCK_KEYS } from "./clocks";
import { unitOf } from "./ClocksSummary";
import { textAsJson } from "./text-json";

type Texts = NewTemplateBody["texts"];
type Lang = keyof Texts;
const LANGS: readonly Lang[] = ["nl", "en"];

/** The first server message for a field or anything under it ("texts.nl" covers "texts.nl.articles.3.title"). */
function messageUnder(fields: Record<string, string>, prefix: string): string | undefined {
  const hits = Object.entries(fields).filter(([key]) => key === prefix || key.startsWith(`${prefix}.`));
  return hits.length === 0 ? undefined : hits.map(([key, message]) => (key === prefix ? message : `${key.slice(prefix.length + 1)}: ${message}`)).join("; ");
}

/**
 * Texts as JSON per language (title, intro, recitals, articles with clauses), the clocks as numbers,
 * the governing law per language. Publishing makes version N+1; "offer" sends it to every customer.
 */
export function TemplateEditor({ base }: { base: TemplateDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [notes, setNotes] = useState("");
  const [clocks, setClocks] = useState<Clocks>(base.parameters.clocks);
  const [law, setLaw] = useState(base.parameters.law.governingLaw);
  const [texts, setTexts] = useState<Record<Lang, string>>({ nl: textAsJson(base.texts.nl), en: textAsJson(base.texts.en) });
  const [jsonErrors, setJsonErrors] = useState<Partial<Record<Lang, string>>>({});
  const [offer, setOffer] = useState(true);
  const publish = useAction((body: NewTemplateBody) => unwrap(api.POST("/api/v1/templates", { body })));

  function parseTexts(): Texts | null {
    const errors: Partial<Record<Lang, string>> = {};
    const parsed: Partial<Record<Lang, unknown>> = {};
    for (const lang of LANGS) {
      try {
        parsed[lang] = JSON.parse(texts[lang]);
      } catch (cause) {
        errors[lang] = t("templates.jsonInvalid", { reason: cause instanceof Error ? cause.message : String(cause) });
      }
    }
    setJsonErrors(errors);
    // The server validates the structure; here only that it is JSON at all.
    return Object.keys(errors).length === 0 ? (parsed as Texts) : null;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validLocally(event)) {
      return;
    }
    const parsed = parseTexts();
    if (!parsed) {
      return;
    }
    const body: NewTemplateBody = {
      texts: parsed,
      parameters: { ...base.parameters, clocks, law: { ...base.parameters.law, governingLaw: law } },
      notes: notes.trim(),
      offer,
    };
    const result = await publish.execute(body);
    if (result.ok) {
      void navigate("/admin/templates", { state: { published: result.value.version } });
    }
  }

  const fields = publish.error?.fieldMessages() ?? {};
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="template-editor">
      <p className="muted">{t("templates.basedOn", { version: base.version })}</p>
      <ErrorAlert error={publish.error} testId="publish-error" />
      <section className="card">
        <h2>{t("templates.changeNotes")}</h2>
        <TextAreaField
          label={t("templates.notes")}
          value={notes}
          onChange={setNotes}
          rows={3}
          hint={t("templates.notesHint")}
          error={fields.notes}
          testId="template-notes"
        />
      </section>
      <section className="card">
        <h2>{t("templates.clocks")}</h2>
        <div className="grid-3 fields-bottom">
          {CLOCK_KEYS.map((key) => (
            <NumberField
              key={key}
              label={`${t(`clocks.long.${key}`)} (${t(`clocks.unit.${unitOf(key)}`)})`}
              value={clocks[key]}
              onChange={(value) => setClocks((c) => ({ ...c, [key]: value }))}
              min={1}
              required
              error={fields[`parameters.clocks.${key}`]}
              testId={`clock-${key}`}
            />
          ))}
        </div>
      </section>
      <section className="card">
        <h2>{t("templates.law")}</h2>
        <div className="grid-2">
          {LANGS.map((lang) => (
            <TextField
              key={lang}
              label={t("templates.governingLaw", { language: t(`languages.${lang}`) })}
              value={law[lang]}
              onChange={(value) => setLaw((l) => ({ ...l, [lang]: value }))}
              required
              error={fields[`parameters.law.governingLaw.${lang}`]}
              testId={`law-${lang}`}
            />
          ))}
        </div>
      </section>
      <section className="card">
        <h2>{t("templates.texts")}</h2>
        <p className="hint">{t("templates.textsHint", { example: "{{processor.name}}" })}</p>
        {LANGS.map((lang) => (
          <TextAreaField
            key={lang}
            label={t("templates.textOf", { language: t(`languages.${lang}`) })}
            value={texts[lang]}
            onChange={(value) => setTexts((x) => ({ ...x, [lang]: value }))}
            rows={18}
            monospace
            required
            error={jsonErrors[lang] ?? messageUnder(fields, `texts.${lang}`)}
            testId={`template-text-${lang}`}
          />
        ))}
      </section>
      {/* Stays in view at the bottom of the window: the page is long, publishing is what it is for. */}
      <section className="card publish-bar">
        <CheckboxField
          label={t("templates.offerOnPublish")}
          hint={t("templates.offerOnPublishHint")}
          checked={offer}
          onChange={setOffer}
          testId="publish-offer"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={publish.busy} data-testid="publish-template">
            {offer ? t("templates.publishAndOffer", { version: base.version + 1 }) : t("templates.publish", { version: base.version + 1 })}
          </button>
        </div>
      </section>
    </form>
  );
}
