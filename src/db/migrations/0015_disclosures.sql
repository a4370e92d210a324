CREATE TABLE "disclosure_gag_efforts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"result" text NOT NULL,
	"note" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_order_customers" (
	"order_id" uuid NOT NULL,
	"controller_id" uuid NOT NULL,
	"obligation_id" uuid,
	"notice_id" uuid,
	"notified_at" timestamp with time zone,
	CONSTRAINT "disclosure_order_customers_order_id_controller_id_pk" PRIMARY KEY("order_id","controller_id")
);
--> statement-breakpoint
CREATE TABLE "disclosure_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"authority" text NOT NULL,
	"authority_kind" text NOT NULL,
	"legal_basis" text NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"data_requested" text NOT NULL,
	"decision" text DEFAULT 'pending' NOT NULL,
	"reasoning" text,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"disclosed_what" text,
	"disclosed_at" timestamp with time zone,
	"gag" text NOT NULL,
	"gag_until" timestamp with time zone,
	"gag_ended_at" timestamp with time zone,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_orders_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "disclosure_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"controller_id" uuid NOT NULL,
	"authority" text NOT NULL,
	"legal_basis" text NOT NULL,
	"information" text NOT NULL,
	"due_at" timestamp with time zone,
	"note" text,
	"stated_by" uuid,
	"stated_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosure_gag_efforts" ADD CONSTRAINT "disclosure_gag_efforts_order_id_disclosure_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."disclosure_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_gag_efforts" ADD CONSTRAINT "disclosure_gag_efforts_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_order_customers" ADD CONSTRAINT "disclosure_order_customers_order_id_disclosure_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."disclosure_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_order_customers" ADD CONSTRAINT "disclosure_order_customers_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_order_customers" ADD CONSTRAINT "disclosure_order_customers_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_order_customers" ADD CONSTRAINT "disclosure_order_customers_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_orders" ADD CONSTRAINT "disclosure_orders_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_orders" ADD CONSTRAINT "disclosure_orders_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_statements" ADD CONSTRAINT "disclosure_statements_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_statements" ADD CONSTRAINT "disclosure_statements_stated_by_users_id_fk" FOREIGN KEY ("stated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_gag_efforts_order" ON "disclosure_gag_efforts" USING btree ("order_id","at");--> statement-breakpoint
CREATE INDEX "disclosure_order_customers_controller" ON "disclosure_order_customers" USING btree ("controller_id");--> statement-breakpoint
CREATE INDEX "disclosure_orders_received" ON "disclosure_orders" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "disclosure_orders_gag_due" ON "disclosure_orders" USING btree ("gag","gag_until");--> statement-breakpoint
CREATE INDEX "disclosure_statements_controller" ON "disclosure_statements" USING btree ("controller_id","created_at");--> statement-breakpoint
-- hand-written: grants and row-level security (art. 9.2: the register is the processor's own; a customer's statements are its own)
GRANT SELECT, INSERT, UPDATE, DELETE ON disclosure_orders, disclosure_order_customers, disclosure_gag_efforts, disclosure_statements TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE disclosure_orders_number_seq TO art28_app;
--> statement-breakpoint
-- The orders, the customers they concern and the efforts against a gag: no customer's scope sees them (a gag may forbid telling even that an order exists).
ALTER TABLE disclosure_orders ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON disclosure_orders USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE disclosure_order_customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON disclosure_order_customers USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE disclosure_gag_efforts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON disclosure_gag_efforts USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE disclosure_statements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON disclosure_statements USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
