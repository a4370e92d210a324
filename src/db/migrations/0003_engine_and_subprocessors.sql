CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"controller_id" uuid,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"recipient_name" text,
	"recipient_role" text NOT NULL,
	"locale" text NOT NULL,
	"webhook_endpoint_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"message_id" text NOT NULL,
	"subject" text,
	"body" text,
	"body_sha256" text,
	"sent_at" timestamp with time zone,
	"bounced_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"controller_id" uuid,
	"attempt" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"response" text,
	"http_status" integer,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid,
	"staff_roles" jsonb,
	"kind" text NOT NULL,
	"data" jsonb NOT NULL,
	"subject_type" text,
	"subject_id" text,
	"requires_ack" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_by" uuid,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid,
	"kind" text NOT NULL,
	"nature" text NOT NULL,
	"party" text NOT NULL,
	"responsible_roles" jsonb NOT NULL,
	"title" jsonb NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"article" text NOT NULL,
	"clock_unit" text NOT NULL,
	"clock_amount" integer NOT NULL,
	"template_version" integer,
	"zone" text NOT NULL,
	"trigger_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"reminders" jsonb NOT NULL,
	"next_reminder_at" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"met_at" timestamp with time zone,
	"met_in_time" boolean,
	"escalated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_recipients" (
	"change_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"notice_id" uuid NOT NULL,
	"obligation_id" uuid NOT NULL,
	"window_ends_at" timestamp with time zone NOT NULL,
	"template_version" integer,
	CONSTRAINT "change_recipients_change_id_controller_id_pk" PRIMARY KEY("change_id","controller_id")
);
--> statement-breakpoint
CREATE TABLE "consultation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"objection_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"from_party" text NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"change_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome_note" text,
	"outcome_at" timestamp with time zone,
	"outcome_by" uuid,
	CONSTRAINT "objections_change_controller" UNIQUE("change_id","controller_id")
);
--> statement-breakpoint
CREATE TABLE "service_subprocessors" (
	"service_id" uuid NOT NULL,
	"subprocessor_id" uuid NOT NULL,
	CONSTRAINT "service_subprocessors_service_id_subprocessor_id_pk" PRIMARY KEY("service_id","subprocessor_id")
);
--> statement-breakpoint
CREATE TABLE "subprocessor_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subprocessor_id" uuid NOT NULL,
	"replaces_id" uuid,
	"plan" jsonb NOT NULL,
	"description" jsonb NOT NULL,
	"status" text NOT NULL,
	"announced_at" timestamp with time zone NOT NULL,
	"announced_by" uuid,
	"window_closes_at" timestamp with time zone NOT NULL,
	"effective_at" timestamp with time zone,
	"applied_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text,
	"affected_count" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subprocessor_locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subprocessor_id" uuid NOT NULL,
	"country" text NOT NULL,
	"city" text,
	"mechanism" text,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subprocessors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"activity" jsonb NOT NULL,
	"website" text,
	"status" text NOT NULL,
	"contract_file_name" text,
	"contract_media_type" text,
	"contract_sha256" text,
	"contract_bytes" "bytea",
	"contract_uploaded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "failing_reason" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_webhook_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("webhook_endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_message_id_consultation_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."consultation_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_recipients" ADD CONSTRAINT "change_recipients_change_id_subprocessor_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."subprocessor_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_recipients" ADD CONSTRAINT "change_recipients_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_recipients" ADD CONSTRAINT "change_recipients_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_recipients" ADD CONSTRAINT "change_recipients_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_objection_id_objections_id_fk" FOREIGN KEY ("objection_id") REFERENCES "public"."objections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consultation_messages" ADD CONSTRAINT "consultation_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_change_id_subprocessor_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."subprocessor_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_outcome_by_users_id_fk" FOREIGN KEY ("outcome_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_subprocessors" ADD CONSTRAINT "service_subprocessors_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_subprocessors" ADD CONSTRAINT "service_subprocessors_subprocessor_id_subprocessors_id_fk" FOREIGN KEY ("subprocessor_id") REFERENCES "public"."subprocessors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_changes" ADD CONSTRAINT "subprocessor_changes_subprocessor_id_subprocessors_id_fk" FOREIGN KEY ("subprocessor_id") REFERENCES "public"."subprocessors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_changes" ADD CONSTRAINT "subprocessor_changes_replaces_id_subprocessors_id_fk" FOREIGN KEY ("replaces_id") REFERENCES "public"."subprocessors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_changes" ADD CONSTRAINT "subprocessor_changes_announced_by_users_id_fk" FOREIGN KEY ("announced_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subprocessor_locations" ADD CONSTRAINT "subprocessor_locations_subprocessor_id_subprocessors_id_fk" FOREIGN KEY ("subprocessor_id") REFERENCES "public"."subprocessors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due" ON "deliveries" USING btree ("next_attempt_at") WHERE "deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "deliveries_notice" ON "deliveries" USING btree ("notice_id");--> statement-breakpoint
CREATE INDEX "deliveries_controller" ON "deliveries" USING btree ("controller_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_message_id" ON "deliveries" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "delivery_attempts_delivery" ON "delivery_attempts" USING btree ("delivery_id","attempt");--> statement-breakpoint
CREATE INDEX "notices_controller_created" ON "notices" USING btree ("controller_id","created_at");--> statement-breakpoint
CREATE INDEX "notices_subject" ON "notices" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_controller" ON "webhook_endpoints" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "obligations_open_due" ON "obligations" USING btree ("due_at") WHERE "obligations"."status" = 'open';--> statement-breakpoint
CREATE INDEX "obligations_reminder" ON "obligations" USING btree ("next_reminder_at") WHERE "obligations"."status" = 'open' AND "obligations"."next_reminder_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "obligations_controller" ON "obligations" USING btree ("controller_id","due_at");--> statement-breakpoint
CREATE INDEX "obligations_subject" ON "obligations" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "attachments_message" ON "attachments" USING btree ("message_id");--> statement-breakpoint
CREATE INDEX "change_recipients_controller" ON "change_recipients" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "consultation_messages_objection" ON "consultation_messages" USING btree ("objection_id","created_at");--> statement-breakpoint
CREATE INDEX "objections_controller" ON "objections" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "service_subprocessors_subprocessor" ON "service_subprocessors" USING btree ("subprocessor_id");--> statement-breakpoint
CREATE INDEX "subprocessor_changes_status" ON "subprocessor_changes" USING btree ("status","announced_at");--> statement-breakpoint
CREATE INDEX "subprocessor_locations_subprocessor" ON "subprocessor_locations" USING btree ("subprocessor_id");--> statement-breakpoint
-- Security for the new tables (see 0001_security.sql): the application role may use them, and rows
-- of one customer are visible to that customer and the processor only.
GRANT SELECT, INSERT, UPDATE, DELETE ON notices, deliveries, delivery_attempts, webhook_endpoints, obligations, calendar_feeds,
  subprocessors, subprocessor_locations, service_subprocessors, subprocessor_changes, change_recipients, objections,
  consultation_messages, attachments TO art28_app;
--> statement-breakpoint
ALTER TABLE notices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON notices USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON deliveries USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE delivery_attempts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON delivery_attempts USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON webhook_endpoints USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE obligations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON obligations USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE change_recipients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON change_recipients USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE objections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON objections USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE consultation_messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON consultation_messages USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE attachments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON attachments USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
-- The sub-processor register is public (the trust page); only the processor writes it.
ALTER TABLE subprocessors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY read_all ON subprocessors FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY processor_writes ON subprocessors FOR ALL USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE subprocessor_locations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY read_all ON subprocessor_locations FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY processor_writes ON subprocessor_locations FOR ALL USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE service_subprocessors ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY read_all ON service_subprocessors FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY processor_writes ON service_subprocessors FOR ALL USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE subprocessor_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY read_all ON subprocessor_changes FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY processor_writes ON subprocessor_changes FOR ALL USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
