CREATE TABLE "fulfillment_holds" (
	"order_item_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"run_id" uuid,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfillment_request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor" text NOT NULL,
	"run_id" uuid,
	"message" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fulfillment_request_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"order_item_id" uuid NOT NULL,
	"sku" text,
	"vendor_sku" text,
	"vendor_cost_cents" integer,
	"quantity" integer NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"reject_reason" text,
	"routed_by" text,
	CONSTRAINT "fulfillment_request_lines_item" UNIQUE("order_item_id")
);
--> statement-breakpoint
CREATE TABLE "fulfillment_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"number" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"message_id" text NOT NULL,
	"cancel_message_id" text,
	"cancel_notified_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"last_error" text,
	"delivery_failed_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"reject_reason" text,
	"created_by_run_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fulfillment_requests_number" UNIQUE("workspace_id","number"),
	CONSTRAINT "fulfillment_requests_message" UNIQUE("message_id")
);
--> statement-breakpoint
CREATE TABLE "vendor_routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"values" text[] DEFAULT '{}' NOT NULL,
	"vendor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_routing_rules_position" UNIQUE("channel_id","position")
);
--> statement-breakpoint
CREATE TABLE "variant_vendors" (
	"variant_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"vendor_id" uuid,
	"vendor_sku" text,
	"vendor_cost_cents" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "vendor_api_keys_prefix" UNIQUE("prefix")
);
--> statement-breakpoint
CREATE TABLE "vendor_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"vendor_id" uuid NOT NULL,
	"request_id" uuid,
	"kind" text NOT NULL,
	"method" text NOT NULL,
	"message_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"ok" boolean NOT NULL,
	"response_status" integer,
	"error" text,
	"duration_ms" integer,
	"run_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_shipments" (
	"shipment_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"vendor_api_key_id" uuid
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text NOT NULL,
	"contact_email" text,
	"delivery_method" text NOT NULL,
	"webhook_url" text,
	"webhook_secret_ciphertext" text,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_workspace_code" UNIQUE("workspace_id","code")
);
--> statement-breakpoint
ALTER TABLE "fulfillment_holds" ADD CONSTRAINT "fulfillment_holds_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_holds" ADD CONSTRAINT "fulfillment_holds_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_holds" ADD CONSTRAINT "fulfillment_holds_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_request_events" ADD CONSTRAINT "fulfillment_request_events_request_id_fulfillment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."fulfillment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_request_events" ADD CONSTRAINT "fulfillment_request_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_request_lines" ADD CONSTRAINT "fulfillment_request_lines_request_id_fulfillment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."fulfillment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_request_lines" ADD CONSTRAINT "fulfillment_request_lines_order_item_id_order_items_id_fk" FOREIGN KEY ("order_item_id") REFERENCES "public"."order_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_requests" ADD CONSTRAINT "fulfillment_requests_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_requests" ADD CONSTRAINT "fulfillment_requests_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_requests" ADD CONSTRAINT "fulfillment_requests_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_requests" ADD CONSTRAINT "fulfillment_requests_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fulfillment_requests" ADD CONSTRAINT "fulfillment_requests_created_by_run_id_runs_id_fk" FOREIGN KEY ("created_by_run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_routing_rules" ADD CONSTRAINT "vendor_routing_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_routing_rules" ADD CONSTRAINT "vendor_routing_rules_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_routing_rules" ADD CONSTRAINT "vendor_routing_rules_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_vendors" ADD CONSTRAINT "variant_vendors_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_vendors" ADD CONSTRAINT "variant_vendors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "variant_vendors" ADD CONSTRAINT "variant_vendors_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_api_keys" ADD CONSTRAINT "vendor_api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_api_keys" ADD CONSTRAINT "vendor_api_keys_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_deliveries" ADD CONSTRAINT "vendor_deliveries_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_deliveries" ADD CONSTRAINT "vendor_deliveries_request_id_fulfillment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."fulfillment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_deliveries" ADD CONSTRAINT "vendor_deliveries_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_shipments" ADD CONSTRAINT "vendor_shipments_shipment_id_shipments_id_fk" FOREIGN KEY ("shipment_id") REFERENCES "public"."shipments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_shipments" ADD CONSTRAINT "vendor_shipments_request_id_fulfillment_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."fulfillment_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendor_shipments" ADD CONSTRAINT "vendor_shipments_vendor_api_key_id_vendor_api_keys_id_fk" FOREIGN KEY ("vendor_api_key_id") REFERENCES "public"."vendor_api_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vendors" ADD CONSTRAINT "vendors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "fulfillment_holds_order" ON "fulfillment_holds" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fulfillment_request_events_request" ON "fulfillment_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "fulfillment_request_lines_request" ON "fulfillment_request_lines" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "fulfillment_requests_order" ON "fulfillment_requests" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "fulfillment_requests_vendor" ON "fulfillment_requests" USING btree ("vendor_id","state");--> statement-breakpoint
CREATE INDEX "fulfillment_requests_due" ON "fulfillment_requests" USING btree ("channel_id","next_attempt_at") WHERE "fulfillment_requests"."delivery_failed_at" is null and ("fulfillment_requests"."state" = 'pending' or ("fulfillment_requests"."cancel_message_id" is not null and "fulfillment_requests"."cancel_notified_at" is null));--> statement-breakpoint
CREATE INDEX "variant_vendors_vendor" ON "variant_vendors" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "vendor_api_keys_vendor" ON "vendor_api_keys" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "vendor_deliveries_vendor" ON "vendor_deliveries" USING btree ("vendor_id","at");--> statement-breakpoint
CREATE INDEX "vendor_shipments_request" ON "vendor_shipments" USING btree ("request_id");