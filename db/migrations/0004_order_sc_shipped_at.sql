ALTER TABLE "orders" ADD COLUMN "sc_shipped_at" timestamp with time zone;--> statement-breakpoint
-- Orders an import already saw Fully Shipped: seen at their last write.
UPDATE "orders" SET "sc_shipped_at" = "updated_at" WHERE "sc_shipping_status" = 3;
