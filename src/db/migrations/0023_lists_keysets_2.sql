DROP INDEX "subject_requests_status";--> statement-breakpoint
DROP INDEX "subject_requests_controller";--> statement-breakpoint
CREATE INDEX "subject_requests_received" ON "subject_requests" USING btree ("received_at","id") WHERE "subject_requests"."status" <> 'unconfirmed';--> statement-breakpoint
CREATE INDEX "agreement_endings_ended" ON "agreement_endings" USING btree ("ended_at","id");--> statement-breakpoint
CREATE INDEX "subject_requests_status" ON "subject_requests" USING btree ("status","received_at","id");--> statement-breakpoint
CREATE INDEX "subject_requests_controller" ON "subject_requests" USING btree ("controller_id","received_at","id");