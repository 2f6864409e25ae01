CREATE TABLE "price_sync_items" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"sellercloud_product_id" text NOT NULL,
	"confirmed_price_cents" integer,
	"price_confirmed_at" timestamp with time zone,
	"confirmed_qty" integer,
	"confirmed_warehouse_id" integer,
	"qty_confirmed_at" timestamp with time zone,
	"sc_price_cents" integer,
	"sc_qty" integer,
	"sc_read_at" timestamp with time zone,
	"planned_price_cents" integer,
	"price_state" text,
	"price_why" text,
	"price_reason" text,
	"planned_qty" integer,
	"qty_state" text,
	"qty_why" text,
	"qty_reason" text,
	"plan_run_id" uuid,
	"bulk_job_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_sync_items_workspace_id_channel_id_variant_id_pk" PRIMARY KEY("workspace_id","channel_id","variant_id")
);
--> statement-breakpoint
CREATE INDEX "price_sync_items_open" ON "price_sync_items" USING btree ("channel_id","plan_run_id","variant_id") WHERE "price_sync_items"."price_state" is not null or "price_sync_items"."qty_state" is not null;