CREATE TABLE "link_mirror_chunks" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"rows" json NOT NULL,
	CONSTRAINT "link_mirror_chunks_workspace_id_channel_id_seq_pk" PRIMARY KEY("workspace_id","channel_id","seq")
);
--> statement-breakpoint
ALTER TABLE "link_mirror_state" ADD COLUMN "products" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "link_mirror_chunks" ADD CONSTRAINT "link_mirror_chunks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Each channel's per-product mirror becomes one "changes" chunk (same products; read order by ID).
INSERT INTO "link_mirror_chunks" ("workspace_id", "channel_id", "seq", "kind", "rows")
SELECT "workspace_id", "channel_id", 1, 'changes',
  json_agg(json_build_array("product_id", "upc", "gtin", "asin", "mpn", "ean", "last_modified") ORDER BY "product_id")
FROM "link_product_mirror" GROUP BY "workspace_id", "channel_id";--> statement-breakpoint
UPDATE "link_mirror_state" s SET "products" = (
  SELECT count(*) FROM "link_product_mirror" m WHERE m."workspace_id" = s."workspace_id" AND m."channel_id" = s."channel_id");
