CREATE TABLE "audit_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	"description" text NOT NULL,
	"carried_by" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"obligation_id" uuid,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_name" text,
	"in_time" boolean
);
--> statement-breakpoint
CREATE TABLE "audit_costs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"description" text NOT NULL,
	"cost_date" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'EUR' NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"export_id" uuid
);
--> statement-breakpoint
CREATE TABLE "audit_experts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"side" text NOT NULL,
	"name" text NOT NULL,
	"firm" text NOT NULL,
	"file_id" uuid NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by_name" text NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by_name" text
);
--> statement-breakpoint
CREATE TABLE "audit_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"information_request_id" uuid,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"assessment" text NOT NULL,
	"side" text NOT NULL,
	"recorded_by_name" text NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"agreed_at" timestamp with time zone,
	"agreed_by_name" text
);
--> statement-breakpoint
CREATE TABLE "audit_information_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"audit_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"asked_by" text NOT NULL,
	"question" text NOT NULL,
	"asked_by_name" text NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"obligation_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_name" text,
	"in_time" boolean
);
--> statement-breakpoint
CREATE TABLE "audits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"controller_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"requested_by_name" text NOT NULL,
	"earliest_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"refusal" text,
	"refused_at" timestamp with time zone,
	"refused_by_name" text,
	"expert_id" uuid,
	"date_at" timestamp with time zone,
	"date_proposed_by" text,
	"date_agreed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audits_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "audit_actions" ADD CONSTRAINT "audit_actions_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_actions" ADD CONSTRAINT "audit_actions_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_actions" ADD CONSTRAINT "audit_actions_finding_id_audit_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."audit_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_actions" ADD CONSTRAINT "audit_actions_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_costs" ADD CONSTRAINT "audit_costs_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_costs" ADD CONSTRAINT "audit_costs_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_costs" ADD CONSTRAINT "audit_costs_export_id_billing_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."billing_exports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_experts" ADD CONSTRAINT "audit_experts_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_experts" ADD CONSTRAINT "audit_experts_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_files" ADD CONSTRAINT "audit_files_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_files" ADD CONSTRAINT "audit_files_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_findings" ADD CONSTRAINT "audit_findings_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_information_requests" ADD CONSTRAINT "audit_information_requests_audit_id_audits_id_fk" FOREIGN KEY ("audit_id") REFERENCES "public"."audits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_information_requests" ADD CONSTRAINT "audit_information_requests_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_information_requests" ADD CONSTRAINT "audit_information_requests_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audits" ADD CONSTRAINT "audits_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_actions_audit" ON "audit_actions" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_costs_audit" ON "audit_costs" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_costs_recorded" ON "audit_costs" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "audit_experts_audit" ON "audit_experts" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_files_audit" ON "audit_files" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_findings_audit" ON "audit_findings" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audit_information_requests_audit" ON "audit_information_requests" USING btree ("audit_id");--> statement-breakpoint
CREATE INDEX "audits_controller" ON "audits" USING btree ("controller_id","requested_at");--> statement-breakpoint
-- hand-written: grants and row-level security (art. 9.1, 10: an audit and its results are the customer's own and the processor's, no other customer's)
GRANT SELECT, INSERT, UPDATE, DELETE ON audits, audit_experts, audit_files, audit_information_requests, audit_findings, audit_actions, audit_costs TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE audits_number_seq TO art28_app;
--> statement-breakpoint
ALTER TABLE audits ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audits USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE audit_experts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_experts USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE audit_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_files USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE audit_information_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_information_requests USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE audit_findings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_findings USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE audit_actions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_actions USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE audit_costs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON audit_costs USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
