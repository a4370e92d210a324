CREATE TABLE "agreement_endings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"controller_id" uuid NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"services" jsonb NOT NULL,
	"template_version" integer,
	"plan_due_at" timestamp with time zone NOT NULL,
	"plan_obligation_id" uuid,
	"portal_closes_at" timestamp with time zone NOT NULL,
	"portal_closed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_endings_number_unique" UNIQUE("number"),
	CONSTRAINT "agreement_endings_controller_id_unique" UNIQUE("controller_id")
);
--> statement-breakpoint
CREATE TABLE "deletion_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ending_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"kind" text NOT NULL,
	"hold_id" uuid,
	"content" jsonb NOT NULL,
	"locale" text NOT NULL,
	"sha256" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deletion_certificates_number" UNIQUE("ending_id","number")
);
--> statement-breakpoint
CREATE TABLE "deletion_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ending_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"sort_order" integer NOT NULL,
	"party" text NOT NULL,
	"system_code" text NOT NULL,
	"system_nl" text NOT NULL,
	"system_en" text NOT NULL,
	"category_code" text NOT NULL,
	"category_nl" text NOT NULL,
	"category_en" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"method" text,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"confirmed_at" timestamp with time zone,
	"attachment_name" text,
	"attachment_media_type" text,
	"attachment_sha256" text,
	"attachment_bytes" "bytea",
	"attachment_at" timestamp with time zone,
	CONSTRAINT "deletion_lines_line" UNIQUE("ending_id","party","system_code","category_code")
);
--> statement-breakpoint
CREATE TABLE "legal_holds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ending_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"data" text NOT NULL,
	"legal_ground" text NOT NULL,
	"capacity" text NOT NULL,
	"ends_on" text NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reminded_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"method" text,
	"released_by" uuid,
	"released_by_name" text,
	"released_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agreement_endings" ADD CONSTRAINT "agreement_endings_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_endings" ADD CONSTRAINT "agreement_endings_plan_obligation_id_obligations_id_fk" FOREIGN KEY ("plan_obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_certificates" ADD CONSTRAINT "deletion_certificates_ending_id_agreement_endings_id_fk" FOREIGN KEY ("ending_id") REFERENCES "public"."agreement_endings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_certificates" ADD CONSTRAINT "deletion_certificates_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_certificates" ADD CONSTRAINT "deletion_certificates_hold_id_legal_holds_id_fk" FOREIGN KEY ("hold_id") REFERENCES "public"."legal_holds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_lines" ADD CONSTRAINT "deletion_lines_ending_id_agreement_endings_id_fk" FOREIGN KEY ("ending_id") REFERENCES "public"."agreement_endings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_lines" ADD CONSTRAINT "deletion_lines_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deletion_lines" ADD CONSTRAINT "deletion_lines_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_ending_id_agreement_endings_id_fk" FOREIGN KEY ("ending_id") REFERENCES "public"."agreement_endings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_holds" ADD CONSTRAINT "legal_holds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_endings_portal" ON "agreement_endings" USING btree ("portal_closes_at");--> statement-breakpoint
CREATE INDEX "deletion_certificates_controller" ON "deletion_certificates" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "deletion_lines_controller" ON "deletion_lines" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "legal_holds_due" ON "legal_holds" USING btree ("ends_at");--> statement-breakpoint
CREATE INDEX "legal_holds_controller" ON "legal_holds" USING btree ("controller_id");--> statement-breakpoint
-- hand-written: grants and row-level security (art. 12.2, 12.4: a customer sees its own ending, plan, holds and certificates)
GRANT SELECT, INSERT, UPDATE, DELETE ON agreement_endings, deletion_lines, legal_holds, deletion_certificates TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE agreement_endings_number_seq TO art28_app;
--> statement-breakpoint
ALTER TABLE agreement_endings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON agreement_endings USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE deletion_lines ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON deletion_lines USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE legal_holds ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON legal_holds USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE deletion_certificates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON deletion_certificates USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
