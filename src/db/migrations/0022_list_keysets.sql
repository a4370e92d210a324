DROP INDEX "agreements_status";--> statement-breakpoint
DROP INDEX "notices_controller_created";--> statement-breakpoint
DROP INDEX "access_log_controller";--> statement-breakpoint
CREATE INDEX "agreements_offered" ON "agreements" USING btree ("offered_at","id");--> statement-breakpoint
CREATE INDEX "agreements_status_offered" ON "agreements" USING btree ("status","offered_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_created" ON "deliveries" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_status_created" ON "deliveries" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "deliveries_endpoint_created" ON "deliveries" USING btree ("webhook_endpoint_id","created_at","id") WHERE "deliveries"."webhook_endpoint_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notices_staff_created" ON "notices" USING btree ("created_at","id") WHERE "notices"."staff_roles" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "obligations_status_due" ON "obligations" USING btree ("status","due_at","id");--> statement-breakpoint
CREATE INDEX "objections_submitted" ON "objections" USING btree ("submitted_at","id");--> statement-breakpoint
CREATE INDEX "access_log_at" ON "access_log" USING btree ("at","id");--> statement-breakpoint
CREATE INDEX "notices_controller_created" ON "notices" USING btree ("controller_id","created_at","id");--> statement-breakpoint
CREATE INDEX "access_log_controller" ON "access_log" USING btree ("controller_id","at","id");