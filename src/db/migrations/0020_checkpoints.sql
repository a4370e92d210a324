CREATE TABLE "checkpoint_leaves" (
	"position" integer PRIMARY KEY NOT NULL,
	"stream" text NOT NULL,
	"last_seq" integer NOT NULL,
	"last_hash" text NOT NULL,
	"checkpoint" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkpoints" (
	"number" integer PRIMARY KEY NOT NULL,
	"tree_size" integer NOT NULL,
	"root" text NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"statement" text NOT NULL,
	"signature" text NOT NULL,
	"key_id" text NOT NULL
);
--> statement-breakpoint
-- hand-written: grants and row-level security (checkpoints are public; the leaves name every customer's stream, so the processor's only)
GRANT SELECT, INSERT ON checkpoints, checkpoint_leaves TO art28_app;
--> statement-breakpoint
ALTER TABLE checkpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY public_read ON checkpoints FOR SELECT USING (true);
--> statement-breakpoint
CREATE POLICY processor_write ON checkpoints FOR INSERT WITH CHECK (art28_may_see(NULL));
--> statement-breakpoint
ALTER TABLE checkpoint_leaves ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY processor_only ON checkpoint_leaves USING (art28_may_see(NULL)) WITH CHECK (art28_may_see(NULL));
