DROP INDEX "incidents_discovered";--> statement-breakpoint
DROP INDEX "subprocessor_changes_status";--> statement-breakpoint
CREATE INDEX "contacts_attention" ON "contacts" USING btree (coalesce(least("stale_since", "failing_since"), "confirmation_requested_at", "updated_at"),"id");--> statement-breakpoint
CREATE INDEX "subprocessor_changes_announced" ON "subprocessor_changes" USING btree ("announced_at","id");--> statement-breakpoint
CREATE INDEX "incidents_discovered_number" ON "incidents" USING btree ("discovered_at","number");--> statement-breakpoint
CREATE INDEX "subprocessor_changes_status" ON "subprocessor_changes" USING btree ("status","announced_at","id");