-- Security: the application role, tenant isolation by row-level security (a second wall behind the
-- queries' own controller filters), and an append-only evidence log.
-- Requests run inside a transaction that does SET LOCAL ROLE art28_app and sets
--   art28.scope      = 'processor' (staff) or 'controller' (a customer's user or token)
--   art28.controller = the controller's id when scope = 'controller'
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'art28_app') THEN
    CREATE ROLE art28_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT art28_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO art28_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO art28_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO art28_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON events FROM art28_app;
--> statement-breakpoint
CREATE FUNCTION art28_may_see(controller uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('art28.scope', true), '') = 'processor'
      OR (controller IS NOT NULL AND controller::text = current_setting('art28.controller', true))
$$;
--> statement-breakpoint
ALTER TABLE controllers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON controllers USING (art28_may_see(id)) WITH CHECK (art28_may_see(id));
--> statement-breakpoint
ALTER TABLE controller_services ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON controller_services USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON contacts USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE annex_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON annex_versions USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE agreements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON agreements USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE signatures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON signatures USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE support_assignments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON support_assignments USING (coalesce(current_setting('art28.scope', true), '') = 'processor');
--> statement-breakpoint
-- Staff rows (controller_id NULL) are visible to the processor scope only.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON users USING (art28_may_see(controller_id)) WITH CHECK (art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON events USING (art28_may_see(controller_id))
  WITH CHECK (controller_id IS NULL AND coalesce(current_setting('art28.scope', true), '') = 'processor' OR art28_may_see(controller_id));
--> statement-breakpoint
ALTER TABLE event_streams ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant ON event_streams
  USING (coalesce(current_setting('art28.scope', true), '') = 'processor' OR stream = 'controller:' || current_setting('art28.controller', true))
  WITH CHECK (coalesce(current_setting('art28.scope', true), '') = 'processor' OR stream = 'controller:' || current_setting('art28.controller', true));
--> statement-breakpoint
-- The evidence log is append-only for everyone, owner included; `art28 verify` detects an edit made
-- by someone who disables this trigger.
CREATE FUNCTION art28_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the event log is append-only (% refused)', TG_OP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION art28_events_append_only();
--> statement-breakpoint
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION art28_events_append_only();
