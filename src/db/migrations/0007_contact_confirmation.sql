ALTER TABLE "contacts" ADD COLUMN "confirmation_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "confirmation_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "confirmation_remind_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "confirmation_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "confirmation_stale_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "stale_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contacts_confirmation_due" ON "contacts" USING btree ("confirmation_due_at") WHERE "contacts"."confirmation_requested_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_confirmation_remind" ON "contacts" USING btree ("confirmation_remind_at") WHERE "contacts"."confirmation_reminded_at" IS NULL;--> statement-breakpoint
CREATE INDEX "contacts_confirmation_stale" ON "contacts" USING btree ("confirmation_stale_at") WHERE "contacts"."stale_since" IS NULL;