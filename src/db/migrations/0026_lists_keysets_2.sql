DROP INDEX "subject_requests_status";--> statement-breakpoint
DROP INDEX "subject_requests_controller";--> statement-breakpoint
DROP INDEX "audit_costs_recorded";--> statement-breakpoint
CREATE INDEX "case_entries_billable" ON "case_entries" USING btree ("billable_at","id") WHERE "case_entries"."billable";--> statement-breakpoint
CREATE INDEX "case_entries_export" ON "case_entries" USING btree ("export_id","billable_at","id") WHERE "case_entries"."export_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "subject_requests_received" ON "subject_requests" USING btree ("received_at","id") WHERE "subject_requests"."status" <> 'unconfirmed';--> statement-breakpoint
CREATE INDEX "agreement_endings_ended" ON "agreement_endings" USING btree ("ended_at","id");--> statement-breakpoint
CREATE INDEX "audit_costs_export" ON "audit_costs" USING btree ("export_id","recorded_at","id") WHERE "audit_costs"."export_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "subject_requests_status" ON "subject_requests" USING btree ("status","received_at","id");--> statement-breakpoint
CREATE INDEX "subject_requests_controller" ON "subject_requests" USING btree ("controller_id","received_at","id");--> statement-breakpoint
CREATE INDEX "audit_costs_recorded" ON "audit_costs" USING btree ("recorded_at","id");