ALTER TABLE "deletion_certificates" ADD COLUMN "pdf" "bytea";--> statement-breakpoint
-- Art. 12.4: a deletion certificate is evidence as issued. Its PDF is stored with it and the app
-- changes no certificate once written (nothing updates one); certificates issued before this
-- migration keep a null pdf and are rendered again from their content.
REVOKE UPDATE ON deletion_certificates FROM art28_app;
