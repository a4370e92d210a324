CREATE TABLE "controller_domains" (
	"controller_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "controller_domains_controller_id_domain_pk" PRIMARY KEY("controller_id","domain")
);
--> statement-breakpoint
ALTER TABLE "controller_domains" ADD CONSTRAINT "controller_domains_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "controller_domains_domain" ON "controller_domains" USING btree ("domain");--> statement-breakpoint
-- hand-written: grants and row-level security
GRANT SELECT, INSERT, UPDATE, DELETE ON controller_domains TO art28_app;
--> statement-breakpoint
ALTER TABLE controller_domains ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON controller_domains USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
