/**
 * Names for the API's shapes, all derived from the generated OpenAPI types (schema.d.ts):
 * the UI never declares an API type by hand.
 */
import type { paths } from "./schema";

type Method = "get" | "put" | "post" | "delete" | "patch";
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
/** A domain name a customer uses (art. 8.1): stored (punycode) and for people. */
export type Domain = ControllerDetail["domains"][number];
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
export type NoticeList = ResponseOf<"/api/v1/notices", "get">;
export type NoticeListItem = NoticeList["items"][number];
export type NoticeDetail = ResponseOf<"/api/v1/notices/{id}", "get">;
export type DeliverySummary = NoticeDetail["deliveries"][number];
export type DeliveryStatus = DeliverySummary["status"];
export type DeliveryChannel = DeliverySummary["channel"];
export type DeliveryDetail = ResponseOf<"/api/v1/deliveries/{id}", "get">;
export type OutboxList = ResponseOf<"/api/v1/outbox", "get">;
export type OutboxItem = OutboxList["items"][number];
export type WebhookEndpoint = ResponseOf<"/api/v1/controllers/{id}/webhook-endpoints", "get">[number];
export type CreatedWebhookEndpoint = ResponseOf<"/api/v1/controllers/{id}/webhook-endpoints", "post">;
export type ObligationList = ResponseOf<"/api/v1/obligations", "get">;
export type Obligation = ObligationList["items"][number];
export type Subprocessor = ResponseOf<"/api/v1/subprocessors/{id}", "get">;
export type SubprocessorStatus = Subprocessor["status"];
export type SubprocessorBody = BodyOf<"/api/v1/subprocessors", "post">;
export type SubprocessorLocation = Subprocessor["locations"][number];
export type LocationBody = SubprocessorBody["locations"][number];
export type TransferMechanism = NonNullable<LocationBody["mechanism"]>;
export type TransferZone = SubprocessorLocation["zone"];
export type ContractUploaded = ResponseOf<"/api/v1/subprocessors/{id}/contract", "post">;
export type SubprocessorChange = ResponseOf<"/api/v1/subprocessor-changes/{id}", "get">;
export type ChangeKind = SubprocessorChange["kind"];
export type ChangeStatus = SubprocessorChange["status"];
export type AnnounceBody = BodyOf<"/api/v1/subprocessor-changes", "post">;
export type ChangeRecipient = ResponseOf<"/api/v1/subprocessor-changes/{id}/recipients", "get">["items"][number];
export type Objection = ResponseOf<"/api/v1/objections/{id}", "get">;
export type ObjectionStatus = Objection["status"];
export type ObjectionOutcome = BodyOf<"/api/v1/objections/{id}/outcome", "post">["outcome"];
export type ConsultationMessage = ResponseOf<"/api/v1/objections/{id}/messages", "get">[number];
export type TransferWarning = ResponseOf<"/api/v1/transfers/warnings", "get">[number];
export type ControllerTransfers = ResponseOf<"/api/v1/controllers/{id}/transfers", "get">;
export type CountryTransfers = ControllerTransfers["countries"][number];
export type TrustPage = ResponseOf<"/api/v1/trust", "get">;
export type PublicChange = TrustPage["announced"][number];
export type IncidentSummary = ResponseOf<"/api/v1/incidents", "get">["items"][number];
export type IncidentStatus = IncidentSummary["status"];
export type IncidentDecision = IncidentSummary["decision"];
export type Incident = ResponseOf<"/api/v1/incidents/{id}", "get">;
export type IncidentBody = BodyOf<"/api/v1/incidents", "post">;
export type IncidentPatch = BodyOf<"/api/v1/incidents/{id}", "patch">;
export type Assessment = Incident["assessments"][number];
export type AssessmentBody = BodyOf<"/api/v1/incidents/{id}/assessments", "post">;
export type Risk = AssessmentBody["risk"];
export type NoticeCheck = Incident["sharedCheck"];
export type BreachFactKey = NoticeCheck["unknown"][number];
/** The facts as the API gives them (with discoveredAt) and as a request sets them (without). */
export type BreachFacts = Incident["facts"];
export type FactsBody = BodyOf<"/api/v1/incidents/{id}/facts", "put">;
export type Proposal = ResponseOf<"/api/v1/incidents/{id}/proposal", "get">;
export type ProposedCustomer = Proposal["customers"][number];
export type AffectedList = ResponseOf<"/api/v1/incidents/{id}/customers", "get">;
export type AffectedCustomer = AffectedList["customers"][number];
export type SendResult = ResponseOf<"/api/v1/incidents/{id}/notices", "post">;
export type TimelineEntry = ResponseOf<"/api/v1/incidents/{id}/timeline", "get">["entries"][number];
export type CustomerBreachSummary = ResponseOf<"/api/v1/breaches", "get">[number];
export type CustomerBreach = ResponseOf<"/api/v1/breaches/{id}", "get">;
export type CustomerNotice = CustomerBreach["notices"][number];
export type NoticeStage = CustomerNotice["stage"];
export type CaseSummary = ResponseOf<"/api/v1/cases", "get">[number];
export type CaseDetail = ResponseOf<"/api/v1/cases/{id}", "get">;
export type SubjectRequestSummary = ResponseOf<"/api/v1/subject-requests", "get">[number];
export type SubjectRequestDetail = ResponseOf<"/api/v1/subject-requests/{id}", "get">;
export type CaseKindInfo = ResponseOf<"/api/v1/case-kinds", "get">[number];
export type ThreadMessage = ResponseOf<"/api/v1/cases/{id}/messages", "get">[number];
export type BillableItem = ResponseOf<"/api/v1/billable-items", "get">[number];
export type BillingExport = ResponseOf<"/api/v1/billable-items/exports", "get">[number];
