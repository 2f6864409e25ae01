ALTER TABLE "runs" ADD COLUMN "progress_done" integer;--> statement-breakpoint
ALTER TABLE "runs" ADD COLUMN "progress_unit" text;