CREATE TABLE "breach_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"sequence" integer NOT NULL,
	"stage" text NOT NULL,
	"facts" jsonb NOT NULL,
	"changed" jsonb NOT NULL,
	"message" text,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid,
	CONSTRAINT "breach_notices_sequence" UNIQUE("incident_id","controller_id","sequence")
);
--> statement-breakpoint
CREATE TABLE "incident_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"incident_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"personal_data" boolean NOT NULL,
	"breach" boolean NOT NULL,
	"confidentiality" boolean NOT NULL,
	"integrity" boolean NOT NULL,
	"availability" boolean NOT NULL,
	"risk" text NOT NULL,
	"decision" text NOT NULL,
	"reasoning" text NOT NULL,
	"decided_by" uuid,
	"decided_by_name" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "incident_assessments_revision" UNIQUE("incident_id","revision")
);
--> statement-breakpoint
CREATE TABLE "incident_customers" (
	"incident_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"source" text NOT NULL,
	"because" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"obligation_id" uuid,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" uuid,
	CONSTRAINT "incident_customers_incident_id_controller_id_pk" PRIMARY KEY("incident_id","controller_id")
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"ongoing" boolean DEFAULT false NOT NULL,
	"discovered_at" timestamp with time zone NOT NULL,
	"discovery_how" text NOT NULL,
	"systems" jsonb NOT NULL,
	"service_ids" jsonb NOT NULL,
	"subprocessor_ids" jsonb NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"facts" jsonb NOT NULL,
	"disclose_count" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"closing_summary" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "incidents_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "breach_notices" ADD CONSTRAINT "breach_notices_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notices" ADD CONSTRAINT "breach_notices_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notices" ADD CONSTRAINT "breach_notices_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notices" ADD CONSTRAINT "breach_notices_sent_by_users_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_assessments" ADD CONSTRAINT "incident_assessments_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_assessments" ADD CONSTRAINT "incident_assessments_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_customers" ADD CONSTRAINT "incident_customers_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_customers" ADD CONSTRAINT "incident_customers_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_customers" ADD CONSTRAINT "incident_customers_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_customers" ADD CONSTRAINT "incident_customers_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incidents" ADD CONSTRAINT "incidents_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_notices_controller" ON "breach_notices" USING btree ("controller_id","sent_at");--> statement-breakpoint
CREATE INDEX "incident_customers_controller" ON "incident_customers" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "incidents_discovered" ON "incidents" USING btree ("discovered_at");--> statement-breakpoint
CREATE INDEX "events_subject" ON "events" USING btree ("subject_type","subject_id");--> statement-breakpoint
-- Security for the new tables (see 0001_security.sql). The incident register and its assessments
-- are the processor's alone: a customer learns of a breach only through its own notices, so it
-- never sees the list of other affected customers.
GRANT SELECT, INSERT, UPDATE, DELETE ON incidents, incident_assessments, incident_customers, breach_notices TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE incidents_number_seq TO art28_app;
--> statement-breakpoint
ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON incidents USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE incident_assessments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON incident_assessments USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE incident_customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON incident_customers USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE breach_notices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON breach_notices USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
