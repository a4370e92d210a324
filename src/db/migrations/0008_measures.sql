CREATE TABLE "annex2_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"version" integer NOT NULL,
	"measures" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	CONSTRAINT "annex2_versions_version" UNIQUE("version")
);
--> statement-breakpoint
CREATE TABLE "measure_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"measure_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"note" text NOT NULL,
	"obligation_id" uuid,
	"in_time" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "theme" text DEFAULT 'organisational' NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "owner_user_id" uuid;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "review_interval_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "agreements" ADD COLUMN "annex2_version_id" uuid;--> statement-breakpoint
ALTER TABLE "annex2_versions" ADD CONSTRAINT "annex2_versions_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_evidence" ADD CONSTRAINT "measure_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reviews" ADD CONSTRAINT "measure_reviews_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reviews" ADD CONSTRAINT "measure_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_reviews" ADD CONSTRAINT "measure_reviews_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_evidence_measure" ON "measure_evidence" USING btree ("measure_id");--> statement-breakpoint
CREATE INDEX "measure_reviews_measure" ON "measure_reviews" USING btree ("measure_id","reviewed_at");--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_annex2_version_id_annex2_versions_id_fk" FOREIGN KEY ("annex2_version_id") REFERENCES "public"."annex2_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
UPDATE "measures" AS m SET "owner_user_id" = (SELECT u.id FROM "users" u WHERE u.kind = 'staff' AND (lower(u.email) = lower(trim(m.owner)) OR lower(u.name) = lower(trim(m.owner))) ORDER BY u.created_at LIMIT 1) WHERE m.owner IS NOT NULL AND trim(m.owner) <> '';--> statement-breakpoint
ALTER TABLE "measures" DROP COLUMN "owner";
--> statement-breakpoint
-- hand-written: themes of the shipped measures (ISO/IEC 27001:2022 Annex A), grants, row-level security, Annex 2 version 1
UPDATE measures SET theme = 'technological' WHERE code IN ('staff-mfa', 'customer-authentication', 'encryption-in-transit', 'backup-encryption', 'secure-administration', 'network-segmentation', 'ddos-mitigation', 'patch-management', 'daily-backups', 'restore-tests', 'redundancy', 'central-logging', 'monitoring', 'change-management', 'separate-test-environments');
--> statement-breakpoint
UPDATE measures SET theme = 'physical' WHERE code IN ('datacentre-security', 'media-disposal');
--> statement-breakpoint
UPDATE measures SET theme = 'people' WHERE code IN ('staff-confidentiality', 'security-awareness');
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON measure_reviews, measure_evidence, annex2_versions TO art28_app;
--> statement-breakpoint
ALTER TABLE measure_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON measure_reviews USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE measure_evidence ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON measure_evidence USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE annex2_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY read_all ON annex2_versions FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY processor_writes ON annex2_versions FOR ALL USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
-- An existing installation's measures in place become Annex 2 version 1 (a new one publishes it at install).
INSERT INTO annex2_versions (version, measures, changes, note, published_at)
SELECT 1,
       jsonb_agg(jsonb_build_object(
         'code', code, 'theme', theme,
         'category', jsonb_build_object('nl', category_nl, 'en', category_en),
         'title', jsonb_build_object('nl', title_nl, 'en', title_en),
         'description', jsonb_build_object('nl', description_nl, 'en', description_en)
       ) ORDER BY sort_order, code),
       '{"added":[],"removed":[],"changed":[]}'::jsonb,
       'Version 1: the measures in place when Annex 2 got versions.',
       now()
FROM measures WHERE status = 'implemented'
HAVING count(*) > 0;
