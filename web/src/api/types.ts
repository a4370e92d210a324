/**
 * Names for the API's shapes, all derived from the generated OpenAPI types (schema.d.ts):
 * the UI never declares an API type by hand.
 */
import type { paths } from "./schema";

type Method = "get" | "put" | "post" | "delete";
type JsonOf<R> = R extends { content: { "application/json": infer T } } ? T : never;
type Success<Responses> = {
  [S in keyof Responses]: S extends 200 | 201 ? JsonOf<Responses[S]> : never;
}[keyof Responses];

/** The JSON a successful call answers with. */
export type ResponseOf<P extends keyof paths, M extends Method> = paths[P][M] extends { responses: infer R } ? Success<R> : never;
/** The JSON body a call takes. */
export type BodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;

export type Me = ResponseOf<"/api/v1/auth/me", "get">;
export type Locale = Me["locale"];
export type Processor = ResponseOf<"/api/v1/processor", "get">;
export type Catalogue = ResponseOf<"/api/v1/catalogue", "get">;
export type Service = Catalogue["services"][number];
export type Term = Catalogue["purposes"][number];
export type ServiceBody = BodyOf<"/api/v1/services/{id}", "put">;
export type Measure = ResponseOf<"/api/v1/measures", "get">[number];
export type MeasureBody = BodyOf<"/api/v1/measures", "post">;
export type ControllerList = ResponseOf<"/api/v1/controllers", "get">;
export type ControllerListItem = ControllerList["items"][number];
export type SummaryStatus = ControllerListItem["agreementStatus"];
export type ControllerDetail = ResponseOf<"/api/v1/controllers/{id}", "get">;
export type Annex = ResponseOf<"/api/v1/controllers/{id}/annexes", "get">[number];
export type AnnexContent = Annex["content"];
export type EvidenceEvent = ResponseOf<"/api/v1/controllers/{id}/events", "get">[number];
export type AgreementList = ResponseOf<"/api/v1/agreements", "get">;
export type Contact = NonNullable<ResponseOf<"/api/v1/controllers/{id}/contact", "get">>;
export type ContactBody = BodyOf<"/api/v1/controllers/{id}/contact", "put">;
export type Agreement = ResponseOf<"/api/v1/agreements/{id}", "get">;
export type AgreementStatus = Agreement["status"];
export type AgreementDocument = ResponseOf<"/api/v1/agreements/{id}/document", "get">;
export type TemplateSummary = ResponseOf<"/api/v1/templates", "get">[number];
export type TemplateDetail = ResponseOf<"/api/v1/templates/{version}", "get">;
export type NewTemplateBody = BodyOf<"/api/v1/templates", "post">;
export type TemplateParameters = NewTemplateBody["parameters"];
export type Clocks = TemplateParameters["clocks"];
export type TokenInfo = ResponseOf<"/api/v1/tokens", "get">[number];
export type CreatedToken = ResponseOf<"/api/v1/tokens", "post">;
