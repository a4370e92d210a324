import type { Db } from "../../db/engine.ts";
import type { AgreementDocument } from "../../domain/agreement-document.ts";
import { renderAgreementDocument } from "../../domain/agreement-template.ts";
import { findController } from "../controllers/index.ts";
import { annexForLocale } from "../../domain/annex.ts";
import { findProcessor } from "../processor/index.ts";
import { findAgreement, findAnnexVersion, findTemplateText, findTemplateVersionById } from "./queries.ts";
import { currentAnnex2 } from "../measures/index.ts";

/**
 * The document of an agreement as it stands now: its template version's text in its language,
 * the processor's and controller's details, the controller's Annex 1 version and the Annex 2
 * version published last (art. 7.1). Once the controller has signed, the stored snapshot is the document (see signAgreement).
 */
export async function composeAgreementDocument(db: Db, agreementId: string): Promise<AgreementDocument | null> {
  const found = await findAgreement(db, agreementId);
  if (!found) {
    return null;
  }
  const { agreement } = found;
  if (agreement.documentJson) {
    return agreement.documentJson;
  }
  const [text, processor, controller, annex] = await Promise.all([
    findTemplateText(db, agreement.templateVersionId, agreement.locale),
    findProcessor(db),
    findController(db, agreement.controllerId),
    findAnnexVersion(db, agreement.annexVersionId),
  ]);
  if (!text || !controller || !annex) {
    throw new Error(`agreement ${agreementId} refers to missing template text, controller or annex`);
  }
  const version = await findTemplateVersionById(db, agreement.templateVersionId);
  if (!version) {
    throw new Error(`agreement ${agreementId} refers to a missing template version`);
  }
  const party = (p: { name: string; kvk: string | null; address: string | null; postalCode: string | null; city: string | null; country: string }) => ({
    name: p.name,
    kvk: p.kvk,
    address: p.address,
    city: [p.postalCode, p.city].filter(Boolean).join(" ") || null,
    country: p.country,
  });
  return renderAgreementDocument({
    text,
    templateVersion: version.version,
    parameters: version.parameters,
    processor: { ...party(processor), court: processor.court },
    controller: party(controller),
    annex1: annexForLocale(annex.content, annex.version, agreement.locale),
    annex2: (await currentAnnex2(db, agreement.locale)).annex2,
    timeZone: processor.timeZone,
  });
}
