DROP INDEX "incidents_discovered";--> statement-breakpoint
DROP INDEX "subprocessor_changes_status";--> statement-breakpoint
DROP INDEX "cases_controller";--> statement-breakpoint
DROP INDEX "cases_status";--> statement-breakpoint
CREATE INDEX "contacts_attention" ON "contacts" USING btree (coalesce(least("stale_since", "failing_since"), "confirmation_requested_at", "updated_at"),"id");--> statement-breakpoint
CREATE INDEX "subprocessor_changes_announced" ON "subprocessor_changes" USING btree ("announced_at","id");--> statement-breakpoint
CREATE INDEX "incidents_discovered_number" ON "incidents" USING btree ("discovered_at","number");--> statement-breakpoint
CREATE INDEX "billing_exports_created" ON "billing_exports" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cases_asked" ON "cases" USING btree ("asked_at","id");--> statement-breakpoint
CREATE INDEX "subprocessor_changes_status" ON "subprocessor_changes" USING btree ("status","announced_at","id");--> statement-breakpoint
CREATE INDEX "cases_controller" ON "cases" USING btree ("controller_id","asked_at","id");--> statement-breakpoint
CREATE INDEX "cases_status" ON "cases" USING btree ("status","asked_at","id");