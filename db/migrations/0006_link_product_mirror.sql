CREATE TABLE "link_mirror_state" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"company_id" integer NOT NULL,
	"full_at" timestamp with time zone NOT NULL,
	"pass_at" timestamp with time zone NOT NULL,
	"max_modified" text,
	CONSTRAINT "link_mirror_state_workspace_id_channel_id_pk" PRIMARY KEY("workspace_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "link_product_mirror" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"product_id" text NOT NULL,
	"company_id" integer,
	"upc" text,
	"ean" text,
	"gtin" text,
	"asin" text,
	"mpn" text,
	"last_modified" text,
	CONSTRAINT "link_product_mirror_workspace_id_channel_id_product_id_pk" PRIMARY KEY("workspace_id","channel_id","product_id")
);
--> statement-breakpoint
ALTER TABLE "link_mirror_state" ADD CONSTRAINT "link_mirror_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "link_product_mirror" ADD CONSTRAINT "link_product_mirror_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;