ALTER TABLE "run_events" DROP CONSTRAINT "run_events_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "run_events" DROP CONSTRAINT "run_events_run_id_runs_id_fk";
--> statement-breakpoint
-- run_events has no foreign keys any more (per-row RI checks; see runEvents in db/schema/runs.ts).
-- Its rows go with their run instead: one statement-level trigger per DELETE on runs, whatever
-- deleted them (a workspace's or channel's cascade, or a direct DELETE), deletes the events of
-- every run that statement removed. No orphan clean-up is needed: until this migration the two
-- foreign keys held, so every event's run and workspace exist.
CREATE OR REPLACE FUNCTION "run_events_delete_with_runs"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "run_events" e USING gone WHERE e."run_id" = gone."id";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "run_events_delete_with_runs" AFTER DELETE ON "runs" REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION "run_events_delete_with_runs"();
--> statement-breakpoint
-- Staging pages and mirror chunks (json, ~1 MB a row) are written once and read back whole, never
-- searched inside: store them uncompressed out of line. pglz on every write cost more than it
-- saved (the 17 staging writes of a 200k-product run: ~0.74 s → ~0.35 s on PGlite); the mirror
-- takes ~4x the disk (~17 MB per 200k products). Applies to rows written from now on.
ALTER TABLE "link_staging_pages" ALTER COLUMN "rows" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "link_mirror_chunks" ALTER COLUMN "rows" SET STORAGE EXTERNAL;
