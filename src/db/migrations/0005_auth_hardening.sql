CREATE TABLE "login_throttles" (
	"email" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL,
	"lockouts" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_pending_secret" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "ip_source" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "proxy_ip" text;--> statement-breakpoint
-- Login throttling runs before anyone is known (as the owner) and its lockout's evidence in the
-- processor's scope; the table holds no tenant's data, so no row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON login_throttles TO art28_app;
