CREATE TABLE "instructed_purposes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"code" text NOT NULL,
	"term_code" text,
	"label_nl" text NOT NULL,
	"label_en" text NOT NULL,
	"services" text[] NOT NULL,
	"effective_from" text NOT NULL,
	"reference" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"accepted_by" uuid,
	CONSTRAINT "instructed_purposes_case_id_unique" UNIQUE("case_id"),
	CONSTRAINT "instructed_purposes_code" UNIQUE("controller_id","code")
);
--> statement-breakpoint
ALTER TABLE "instructed_purposes" ADD CONSTRAINT "instructed_purposes_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructed_purposes" ADD CONSTRAINT "instructed_purposes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "instructed_purposes" ADD CONSTRAINT "instructed_purposes_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand-written: grants and row-level security
GRANT SELECT, INSERT, UPDATE, DELETE ON instructed_purposes TO art28_app;
--> statement-breakpoint
ALTER TABLE instructed_purposes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON instructed_purposes USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
