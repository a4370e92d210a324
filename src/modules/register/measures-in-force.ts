// art. 30(2)(d) GDPR: "where possible, a general description of the technical and organisational
// security measures referred to in Article 32(1)": Annex 2 in force, the version published last
// (the measures module). This is the one place the register reads them.
import type { Db } from "../../db/engine.ts";
import type { LocalizedText } from "../../domain/text.ts";
import { annex2InForce } from "../measures/index.ts";

export interface MeasureInForce {
  category: LocalizedText;
  title: LocalizedText;
  description: LocalizedText;
}

export interface MeasuresInForce {
  /** The Annex 2 version they are, or null before any was published. */
  version: number | null;
  measures: MeasureInForce[];
}

/** The measures of Annex 2 in force, in its order. */
export async function measuresInForce(tx: Db): Promise<MeasuresInForce> {
  const { version, measures } = await annex2InForce(tx);
  return { version, measures: measures.map((m) => ({ category: m.category, title: m.title, description: m.description })) };
}
