CREATE TABLE "claim_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"controller_id" uuid NOT NULL,
	"description" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"intent_assessment" text DEFAULT 'not_assessed' NOT NULL,
	"intent_note" text,
	"intent_assessed_at" timestamp with time zone,
	"intent_assessed_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_events_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"controller_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"default_notice_id" uuid,
	"description" text NOT NULL,
	"arisen_at" timestamp with time zone NOT NULL,
	"specified_at" timestamp with time zone,
	"lapses_at" timestamp with time zone NOT NULL,
	"property_damage_cents" integer NOT NULL,
	"default_costs_cents" integer NOT NULL,
	"assessment_costs_cents" integer NOT NULL,
	"mitigation_costs_cents" integer NOT NULL,
	"indirect_cents" integer NOT NULL,
	"lapse_obligation_id" uuid,
	"lapse_reminded_at" timestamp with time zone,
	"recorded_by" uuid,
	"recorded_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claims_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "default_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"controller_id" uuid NOT NULL,
	"description" text NOT NULL,
	"learned_at" timestamp with time zone NOT NULL,
	"given_at" timestamp with time zone NOT NULL,
	"elapsed_minutes" integer NOT NULL,
	"late" boolean NOT NULL,
	"given_by" uuid,
	"given_by_name" text NOT NULL,
	"cure_proposed_date" text,
	"cure_proposed_by" text,
	"cure_proposed_by_name" text,
	"cure_proposed_at" timestamp with time zone,
	"cure_agreed_date" text,
	"cure_agreed_at" timestamp with time zone,
	"cure_agreed_by_name" text,
	"cure_obligation_id" uuid,
	"cured_at" timestamp with time zone,
	"cured_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "default_notices_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "fee_ledger" (
	"controller_id" uuid NOT NULL,
	"month" text NOT NULL,
	"amount_cents" integer NOT NULL,
	"description" text,
	"import_id" uuid NOT NULL,
	"imported_at" timestamp with time zone NOT NULL,
	"imported_by" text NOT NULL,
	CONSTRAINT "fee_ledger_controller_id_month_pk" PRIMARY KEY("controller_id","month")
);
--> statement-breakpoint
ALTER TABLE "claim_events" ADD CONSTRAINT "claim_events_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_event_id_claim_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."claim_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_default_notice_id_default_notices_id_fk" FOREIGN KEY ("default_notice_id") REFERENCES "public"."default_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_lapse_obligation_id_obligations_id_fk" FOREIGN KEY ("lapse_obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_notices" ADD CONSTRAINT "default_notices_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_notices" ADD CONSTRAINT "default_notices_given_by_users_id_fk" FOREIGN KEY ("given_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "default_notices" ADD CONSTRAINT "default_notices_cure_obligation_id_obligations_id_fk" FOREIGN KEY ("cure_obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_ledger" ADD CONSTRAINT "fee_ledger_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_events_controller" ON "claim_events" USING btree ("controller_id","occurred_at");--> statement-breakpoint
CREATE INDEX "claims_controller" ON "claims" USING btree ("controller_id","created_at");--> statement-breakpoint
CREATE INDEX "claims_event" ON "claims" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "claims_lapse" ON "claims" USING btree ("lapses_at");--> statement-breakpoint
CREATE INDEX "default_notices_controller" ON "default_notices" USING btree ("controller_id","given_at");--> statement-breakpoint
-- hand-written: grants and row-level security (art. 11: a customer's ledger, notices of default and claims are its own)
GRANT SELECT, INSERT, UPDATE, DELETE ON fee_ledger, default_notices, claim_events, claims TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE default_notices_number_seq, claim_events_number_seq, claims_number_seq TO art28_app;
--> statement-breakpoint
ALTER TABLE fee_ledger ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON fee_ledger USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE default_notices ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON default_notices USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE claim_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON claim_events USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE claims ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON claims USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
