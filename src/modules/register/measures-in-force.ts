// art. 30(2)(d) GDPR: "where possible, a general description of the technical and organisational
// security measures referred to in Article 32(1)". Today that is Annex 2 as the agreement renders
// it: the catalogue's measures in place. This is the one place the register reads them, so Annex 2
// versions (the measures module) replace only this function.
import type { Db } from "../../db/engine.ts";
import type { LocalizedText } from "../../domain/text.ts";
import { listMeasures } from "../catalogue/index.ts";

export interface MeasureInForce {
  category: LocalizedText;
  title: LocalizedText;
  description: LocalizedText;
}

export interface MeasuresInForce {
  measures: MeasureInForce[];
}

/** The measures in place (status implemented), in Annex 2's order. */
export async function measuresInForce(tx: Db): Promise<MeasuresInForce> {
  const all = await listMeasures(tx);
  return {
    measures: all
      .filter((m) => m.status === "implemented")
      .map((m) => ({
        category: { nl: m.categoryNl, en: m.categoryEn },
        title: { nl: m.titleNl, en: m.titleEn },
        description: { nl: m.descriptionNl, en: m.descriptionEn },
      })),
  };
}
