ALTER TABLE "delivery_attempts" ADD COLUMN "message" text;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD COLUMN "request_headers" jsonb;