import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { agreements } from "../../db/schema/index.ts";
import type { Locale } from "../../domain/agreement-document.ts";
import type { Clock } from "../../domain/clock.ts";
import { conflict } from "../../http/errors.ts";
import { recordEvent, type EventActor } from "../evidence/index.ts";
import { findAgreement } from "./queries.ts";

/**
 * The language of the agreement the controller will sign (the template version holds both). Only
 * while it is offered: what was signed is fixed.
 */
export async function chooseAgreementLanguage(tx: Db, clock: Clock, actor: EventActor, agreementId: string, locale: Locale): Promise<void> {
  const found = await findAgreement(tx, agreementId);
  const updated = await tx
    .update(agreements)
    .set({ locale })
    .where(and(eq(agreements.id, agreementId), eq(agreements.status, "offered")))
    .returning({ id: agreements.id });
  if (!found || updated.length === 0) {
    throw conflict({
      nl: "de taal kan alleen worden gekozen zolang de overeenkomst is aangeboden en nog niet ondertekend",
      en: "the language can only be chosen while the agreement is offered and not yet signed",
    });
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
