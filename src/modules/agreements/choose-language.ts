import type { Db } from "../../db/engine.ts";
import type { Locale } from "../../domain/agreement-document.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findAgreement, setOfferedAgreementLocale } from "./queries.ts";
import { agreementWords } from "./words.ts";

/**
 * The language of the agreement the controller will sign (the template version holds both). Only
 * while it is offered: what was signed is fixed.
 */
export async function chooseAgreementLanguage(tx: Db, clock: Clock, actor: EventActor, agreementId: string, locale: Locale): Promise<void> {
  const found = await findAgreement(tx, agreementId);
  const updated = await setOfferedAgreementLocale(tx, agreementId, locale);
  if (!found || updated.length === 0) {
    throw conflict(agreementWords.languageFixed);
  }
  if (found.agreement.locale !== locale) {
    await recordEvent(tx, clock, {
      type: "agreement.language_chosen",
      actor,
      controllerId: found.agreement.controllerId,
      subject: { type: "agreement", id: agreementId },
      data: { from: found.agreement.locale, to: locale },
    });
  }
}
