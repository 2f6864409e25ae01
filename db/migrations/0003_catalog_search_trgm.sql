-- Trigram search for the catalog (lib/catalog/list.ts). pg_trgm is a trusted extension on Postgres 13+
-- (a database owner may create it); PGlite loads it in db/client.ts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "listing_links_product_trgm" ON "listing_links" USING gin ("sellercloud_product_id" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "listings_search_trgm" ON "listings" USING gin (("title" || chr(31) || coalesce("brand", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "variants_search_trgm" ON "variants" USING gin (("sku" || chr(31) || coalesce("upc", '') || chr(31) || coalesce("ean", '') || chr(31) || coalesce("gtin", '') || chr(31) || coalesce("asin", '') || chr(31) || coalesce("mpn", '')) gin_trgm_ops);