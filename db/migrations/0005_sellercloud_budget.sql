CREATE TABLE "sellercloud_budget_usage" (
	"budget_key" text NOT NULL,
	"channel_id" uuid NOT NULL,
	"operation" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "sellercloud_budget_usage_budget_key_channel_id_operation_minute_pk" PRIMARY KEY("budget_key","channel_id","operation","minute")
);
--> statement-breakpoint
CREATE TABLE "sellercloud_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_ms" bigint NOT NULL,
	"last_granted" integer DEFAULT 0 NOT NULL,
	"calls_per_hour" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sellercloud_budget_usage_channel_idx" ON "sellercloud_budget_usage" USING btree ("channel_id","minute");