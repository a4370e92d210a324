CREATE TABLE "form_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "subject_request_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"controller_id" uuid,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"source" text NOT NULL,
	"right" text NOT NULL,
	"locale" text NOT NULL,
	"status" text NOT NULL,
	"content" jsonb,
	"content_sha256" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"confirm_token_sha256" text,
	"confirm_expires_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"network" text,
	"recorded_by" uuid,
	"obligation_id" uuid,
	"controller_id" uuid,
	"forwarded_at" timestamp with time zone,
	"forwarded_by" uuid,
	"requester_told" boolean DEFAULT false NOT NULL,
	"outcome" text,
	"outcome_note" text,
	"outcome_at" timestamp with time zone,
	"outcome_by" uuid,
	"closed_at" timestamp with time zone,
	"erase_after" timestamp with time zone,
	"erased_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subject_requests_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "subject_request_files" ADD CONSTRAINT "subject_request_files_request_id_subject_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."subject_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_request_files" ADD CONSTRAINT "subject_request_files_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_forwarded_by_users_id_fk" FOREIGN KEY ("forwarded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_requests" ADD CONSTRAINT "subject_requests_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_request_files_request" ON "subject_request_files" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "subject_requests_status" ON "subject_requests" USING btree ("status","received_at");--> statement-breakpoint
CREATE INDEX "subject_requests_controller" ON "subject_requests" USING btree ("controller_id","received_at");--> statement-breakpoint
CREATE INDEX "subject_requests_network" ON "subject_requests" USING btree ("network","received_at");--> statement-breakpoint
-- hand-written: grants and row-level security. A request without a customer (not yet forwarded) is the processor's alone.
GRANT SELECT, INSERT, UPDATE, DELETE ON subject_requests, subject_request_files, form_tickets TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE subject_requests_number_seq TO art28_app;
--> statement-breakpoint
ALTER TABLE subject_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON subject_requests USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE subject_request_files ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON subject_request_files USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE form_tickets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON form_tickets USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
