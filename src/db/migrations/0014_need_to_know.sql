CREATE TABLE "access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid NOT NULL,
	"user_id" uuid,
	"user_name" text NOT NULL,
	"staff_role" text NOT NULL,
	"what" text NOT NULL,
	"record_id" uuid NOT NULL,
	"why" text NOT NULL,
	"reason" text,
	"grant_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"minute" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "break_glass_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "confidentiality_confirmations" (
	"user_id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "confidentiality_confirmations_user_id_statement_id_pk" PRIMARY KEY("user_id","statement_id")
);
--> statement-breakpoint
CREATE TABLE "confidentiality_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"text_nl" text NOT NULL,
	"text_en" text NOT NULL,
	"sha256" text NOT NULL,
	"note" text,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text NOT NULL,
	CONSTRAINT "confidentiality_statements_version_unique" UNIQUE("version")
);
--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_log" ADD CONSTRAINT "access_log_grant_id_break_glass_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."break_glass_grants"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "break_glass_grants" ADD CONSTRAINT "break_glass_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_confirmations" ADD CONSTRAINT "confidentiality_confirmations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "confidentiality_confirmations" ADD CONSTRAINT "confidentiality_confirmations_statement_id_confidentiality_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."confidentiality_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "access_log_once_a_minute" ON "access_log" USING btree ("user_id","controller_id","what","record_id","minute");--> statement-breakpoint
CREATE INDEX "access_log_controller" ON "access_log" USING btree ("controller_id","at");--> statement-breakpoint
CREATE INDEX "break_glass_grants_user" ON "break_glass_grants" USING btree ("user_id","expires_at");--> statement-breakpoint
CREATE INDEX "break_glass_grants_controller" ON "break_glass_grants" USING btree ("controller_id","granted_at");--> statement-breakpoint
-- hand-written: grants (the access log and grants are append-only for the application) and row-level security: a customer reads its own access log, the statement and confirmations are the processor's
GRANT SELECT, INSERT ON confidentiality_statements, confidentiality_confirmations, break_glass_grants, access_log TO art28_app;
--> statement-breakpoint
ALTER TABLE access_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON access_log USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE break_glass_grants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON break_glass_grants USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE confidentiality_statements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON confidentiality_statements USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE confidentiality_confirmations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON confidentiality_confirmations USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
