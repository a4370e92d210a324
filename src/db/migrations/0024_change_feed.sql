-- The change feed (db/change-feed.ts): at each COMMIT, PostgreSQL tells every web process which
-- customers' reads changed, so a process may keep them (the customer's home, a token's user) and
-- forget them the moment they change, in any process. NOTIFY is transactional: sent at COMMIT,
-- never for a rollback, one per distinct payload per transaction.
--   c:<controller id>  a customer's home reads changed; c:* every customer's may have
--   u:<user id>        a user or one of its API tokens changed
CREATE OR REPLACE FUNCTION art28_changed_customer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.controller_id IS NOT NULL THEN
    PERFORM pg_notify('art28_changed', 'c:' || OLD.controller_id);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.controller_id IS NOT NULL THEN
    PERFORM pg_notify('art28_changed', 'c:' || NEW.controller_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION art28_changed_controller() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('art28_changed', 'c:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION art28_changed_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('art28_changed', 'c:' || coalesce(
    (SELECT controller_id::text FROM cases WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END), '*'));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION art28_changed_all_customers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('art28_changed', 'c:*');
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION art28_changed_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('art28_changed', 'u:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END);
  IF TG_OP = 'UPDATE' AND OLD.user_id IS DISTINCT FROM NEW.user_id THEN
    PERFORM pg_notify('art28_changed', 'u:' || OLD.user_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION art28_changed_user_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('art28_changed', 'u:' || CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- What the customer's home reads (modules/home/customer-queries.ts; a test holds this list to its SQL).
CREATE TRIGGER agreements_changed AFTER INSERT OR UPDATE OR DELETE ON agreements FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER change_recipients_changed AFTER INSERT OR UPDATE OR DELETE ON change_recipients FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER objections_changed AFTER INSERT OR UPDATE OR DELETE ON objections FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER notices_changed AFTER INSERT OR UPDATE OR DELETE ON notices FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER breach_notices_changed AFTER INSERT OR UPDATE OR DELETE ON breach_notices FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
-- A delivery counts for the home when it is sent (the 72 hours of a breach notice start then).
CREATE TRIGGER deliveries_changed AFTER UPDATE OF status ON deliveries FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER cases_changed AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER case_estimates_changed AFTER INSERT OR UPDATE OR DELETE ON case_estimates FOR EACH ROW EXECUTE FUNCTION art28_changed_case();
--> statement-breakpoint
CREATE TRIGGER contacts_changed AFTER INSERT OR UPDATE OR DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION art28_changed_customer();
--> statement-breakpoint
CREATE TRIGGER controllers_changed AFTER INSERT OR UPDATE OR DELETE ON controllers FOR EACH ROW EXECUTE FUNCTION art28_changed_controller();
--> statement-breakpoint
CREATE TRIGGER subprocessor_changes_changed AFTER UPDATE OR DELETE ON subprocessor_changes FOR EACH STATEMENT EXECUTE FUNCTION art28_changed_all_customers();
--> statement-breakpoint
CREATE TRIGGER subprocessors_changed AFTER UPDATE OR DELETE ON subprocessors FOR EACH STATEMENT EXECUTE FUNCTION art28_changed_all_customers();
--> statement-breakpoint
CREATE TRIGGER template_versions_changed AFTER UPDATE OR DELETE ON template_versions FOR EACH STATEMENT EXECUTE FUNCTION art28_changed_all_customers();
--> statement-breakpoint
-- Who a request is (modules/auth/resolve-actor.ts): a user, and its API tokens.
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION art28_changed_user_row();
--> statement-breakpoint
CREATE TRIGGER api_tokens_changed AFTER UPDATE OF user_id, token_hash, expires_at, revoked_at OR DELETE ON api_tokens FOR EACH ROW EXECUTE FUNCTION art28_changed_user();
