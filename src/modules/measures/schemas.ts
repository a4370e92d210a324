import { Type } from "typebox";
import { Int, Line, Localized, NullableInstant, Instant, Text, Uuid } from "../../http/schemas.ts";
import { MEASURE_STATUSES, MEASURE_THEMES } from "../../db/schema/index.ts";

const Code = Type.String({ pattern: "^[a-z0-9][a-z0-9-]{0,62}$", maxLength: 63, description: "lower-case letters, digits and dashes" });
const Label = Line(300, { minLength: 1 });

export const MeasureTheme = Type.Enum([...MEASURE_THEMES], { description: "ISO/IEC 27001:2022 Annex A theme" });
export const MeasureStatus = Type.Enum([...MEASURE_STATUSES], { description: "implemented: in place" });

export const Measure = Type.Object({
  id: Type.String(),
  code: Type.String(),
  theme: MeasureTheme,
  categoryNl: Type.String(),
  categoryEn: Type.String(),
  titleNl: Type.String(),
  titleEn: Type.String(),
  descriptionNl: Type.String(),
  descriptionEn: Type.String(),
  ownerUserId: Type.Union([Type.String(), Type.Null()]),
  ownerName: Type.Union([Type.String(), Type.Null()]),
  status: MeasureStatus,
  reviewIntervalMonths: Type.Integer(),
  lastReviewedAt: NullableInstant,
  /** The due instant of its open review duty (a measure in place has one). */
  reviewDueAt: NullableInstant,
  reviewOverdue: Type.Boolean(),
});

export const MeasureBody = Type.Object(
  {
    code: Code,
    theme: MeasureTheme,
    categoryNl: Label,
    categoryEn: Label,
    titleNl: Label,
    titleEn: Label,
    descriptionNl: Text(4000, { minLength: 1 }),
    descriptionEn: Text(4000, { minLength: 1 }),
    ownerUserId: Type.Union([Uuid, Type.Null()]),
    status: MeasureStatus,
    reviewIntervalMonths: Int(1, 60),
  },
  { additionalProperties: false },
);

export const MeasureListQuery = Type.Object(
  {
    theme: Type.Optional(MeasureTheme),
    status: Type.Optional(MeasureStatus),
    review: Type.Optional(Type.Enum(["due", "overdue"], { description: "due: within 30 days or overdue; overdue: past its due instant" })),
  },
  { additionalProperties: false },
);

export const Review = Type.Object({
  id: Type.String(),
  reviewedAt: Instant,
  reviewerName: Type.Union([Type.String(), Type.Null()]),
  note: Type.String(),
  inTime: Type.Union([Type.Boolean(), Type.Null()]),
});
export const ReviewBody = Type.Object({ note: Text(4000, { minLength: 1 }) }, { additionalProperties: false });

export const EvidenceFile = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Instant,
  uploadedByName: Type.Union([Type.String(), Type.Null()]),
});
export const EvidenceForm = Type.Object({
  file: Type.Optional(Type.String({ format: "binary", description: "the evidence file, at most 10 MB; required" })),
});
export const EvidenceParams = Type.Object({ id: Uuid, fileId: Uuid });

export const MeasureDetail = Type.Object({
  measure: Measure,
  reviews: Type.Array(Review),
  evidence: Type.Array(EvidenceFile),
});

export const Owner = Type.Object({ id: Type.String(), name: Type.String(), staffRole: Type.Union([Type.String(), Type.Null()]) });

const ChangeEntry = Type.Object({ code: Type.String(), title: Localized });
export const Annex2Changes = Type.Object({
  added: Type.Array(ChangeEntry),
  removed: Type.Array(ChangeEntry),
  changed: Type.Array(Type.Object({ code: Type.String(), title: Localized, fields: Type.Array(Type.String()) })),
});
export const Annex2MeasureOut = Type.Object({
  code: Type.String(),
  theme: MeasureTheme,
  themeLabel: Localized,
  category: Localized,
  title: Localized,
  description: Localized,
});
export const Annex2Current = Type.Object({
  version: Type.Union([Type.Integer(), Type.Null()], { description: "null: Annex 2 has not been published yet" }),
  publishedAt: NullableInstant,
  note: Type.String(),
  measures: Type.Array(Annex2MeasureOut),
  changes: Annex2Changes,
  previousVersion: Type.Union([Type.Integer(), Type.Null()]),
});
export const Annex2VersionSummary = Type.Object({
  version: Type.Integer(),
  publishedAt: Instant,
  note: Type.String(),
  measureCount: Type.Integer(),
  changes: Annex2Changes,
});
export const Annex2Preview = Type.Object({
  currentVersion: Type.Union([Type.Integer(), Type.Null()]),
  changes: Annex2Changes,
  hasChanges: Type.Boolean(),
  customers: Type.Integer({ description: "customers who would be told" }),
});
export const PublishBody = Type.Object({ note: Text(2000) }, { additionalProperties: false });
export const ReportQuery = Type.Object({ lang: Type.Optional(Type.Enum(["nl", "en"])) }, { additionalProperties: false });
