import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { Db } from "../../db/engine.ts";
import type { Locale, TemplateParameters, TemplateText } from "../../domain/agreement-document.ts";
import { validateTemplateText } from "../../domain/agreement-template.ts";
import type { Clock } from "../../domain/clock.ts";
import { invalidFields, type FieldError } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { insertTemplateTexts, insertTemplateVersion, latestTemplateVersion } from "./queries.ts";

export interface PublishInput {
  texts: Record<Locale, unknown>;
  parameters: TemplateParameters;
  notes: string;
}

/**
 * Publishes the next version of the agreement template in both languages. Its clocks are
 * parameters: controllers on different versions can have different clocks. Publishing changes
 * nothing for anyone until the version is offered and signed (art. 12.3).
 */
export async function publishTemplateVersion(tx: Db, clock: Clock, actor: EventActor, input: PublishInput, publishedBy: string | null) {
  const errors: FieldError[] = [];
  const texts: Partial<Record<Locale, TemplateText>> = {};
  for (const locale of ["nl", "en"] as const) {
    const result = validateTemplateText(input.texts[locale]);
    if (result.ok) {
      if (result.value.locale !== locale) {
        errors.push({ field: `body.texts.${locale}.locale`, message: `must be "${locale}"` });
      }
      texts[locale] = result.value;
    } else {
      errors.push(...result.errors.map((e) => ({ field: `body.texts.${locale}${e.path ? `.${e.path}` : ""}`, message: e.message })));
    }
  }
  if (errors.length > 0 || !texts.nl || !texts.en) {
    throw invalidFields(errors);
  }
  const latest = await latestTemplateVersion(tx);
  const version = (latest?.version ?? 0) + 1;
  const row = await insertTemplateVersion(tx, { version, parameters: input.parameters, notes: input.notes, publishedAt: clock.now(), publishedBy });
  if (!row) {
    throw new Error("template version insert returned nothing");
  }
  await insertTemplateTexts(tx, row.id, { nl: texts.nl, en: texts.en });
  const digest = (t: TemplateText) =>
    createHash("sha256")
      .update(canonicalize(t) ?? "")
      .digest("hex");
  await recordEvent(tx, clock, {
    type: "template.published",
    actor,
    controllerId: null,
    subject: { type: "template_version", id: row.id },
    data: { version, parameters: input.parameters, notes: input.notes, textSha256: { nl: digest(texts.nl), en: digest(texts.en) } },
  });
  return row;
}
