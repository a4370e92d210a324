// The measures module's public surface: other modules import from here only (.dependency-cruiser.cjs).
import { MEASURE_NOTICE_KINDS } from "./notice-kinds.ts";
import { ensureReviewDuties } from "./review-duties.ts";
import { measureRoutes } from "./routes.ts";

export { annex2InForce, currentAnnex2 } from "./annex2.ts";
export { measuresReport } from "./measures-report.ts";
export { publishAnnex2 } from "./publish-annex2.ts";
export { ensureReviewDuties } from "./review-duties.ts";
export { saveMeasure, type MeasureInput } from "./save-measure.ts";
export { recordMeasureReview } from "./record-review.ts";
export { publicMeasures, seedMeasureRegister } from "./public.ts";
export { measureWords } from "./words.ts";

/** What the measures module brings to the core (the register, reviews, Annex 2 versions, the report); src/modules.ts lists it. */
export const measuresModule = {
  name: "measures",
  routes: [measureRoutes],
  noticeKinds: MEASURE_NOTICE_KINDS,
  /** Every measure in place has a review duty (review-duties.ts). */
  sweepTasks: { measureReviewDuties: ensureReviewDuties },
};
