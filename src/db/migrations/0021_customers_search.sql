-- hand-written: the staff customers list's search (issue 16) finds a part of a name or customer
-- number ("klant 0421" in "Klant 04210 B.V.") with `lower(…) like '%…%'`; a B-tree cannot serve a
-- pattern that starts with a wildcard, so at 100,000 customers every search read every name.
-- Trigram indexes (pg_trgm, a trusted extension the database owner may create; PGlite loads it
-- from its contrib) serve it, and the count of matches beside it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS controllers_name_trgm ON controllers USING gin (lower(name) gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS controllers_number_trgm ON controllers USING gin (lower(customer_number) gin_trgm_ops);
--> statement-breakpoint
-- Row-level security keeps a query's own conditions above its policies unless they are leakproof,
-- and LIKE and lower() are not: as art28_app the search could never use the indexes above. This
-- function looks the pattern up as the tables' owner (through the indexes) and answers ids only,
-- and only to the processor's scope, which sees every customer anyway; the list then reads those
-- customers by id under its policies as before.
CREATE FUNCTION controllers_matching(pattern text) RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT id FROM controllers
   WHERE coalesce(current_setting('art28.scope', true), '') = 'processor'
     AND (lower(name) LIKE pattern OR lower(customer_number) LIKE pattern)
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION controllers_matching(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION controllers_matching(text) TO art28_app;
