DROP INDEX "incidents_discovered";--> statement-breakpoint
CREATE INDEX "incidents_discovered_number" ON "incidents" USING btree ("discovered_at","number");