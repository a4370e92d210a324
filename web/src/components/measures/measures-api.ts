import type { paths } from "../../api/schema";
import type { BodyOf, ResponseOf } from "../../api/types";

// The measures module's API types and links, for the back-office and the portal.
export type MeasureDetail = ResponseOf<"/api/v1/measures/{id}", "get">;
export type MeasureOwner = ResponseOf<"/api/v1/measures/owners", "get">[number];
export type Annex2Current = ResponseOf<"/api/v1/annex2", "get">;
export type Annex2Changes = Annex2Current["changes"];
export type Annex2Preview = ResponseOf<"/api/v1/annex2/preview", "get">;
export type Annex2Version = ResponseOf<"/api/v1/annex2/versions", "get">[number];
export type MeasureFilter = NonNullable<paths["/api/v1/measures"]["get"]["parameters"]["query"]>;
export type PublishBody = BodyOf<"/api/v1/annex2/versions", "post">;

export const MEASURE_THEMES = ["organisational", "people", "physical", "technological"] as const;

export const measuresReportUrl = (lang: "nl" | "en") => `/api/v1/measures/report.pdf?lang=${lang}`;
export const evidenceUrl = (measureId: string, fileId: string) => `/api/v1/measures/${encodeURIComponent(measureId)}/evidence/${encodeURIComponent(fileId)}`;
