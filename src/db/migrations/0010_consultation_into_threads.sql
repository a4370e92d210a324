DROP TABLE "attachments" CASCADE;--> statement-breakpoint
DROP TABLE "consultation_messages" CASCADE;