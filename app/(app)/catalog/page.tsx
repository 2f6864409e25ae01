import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage() {
  await requireSession();
  return (
    <>
      <PageHeader title="Catalog" description="Your listings and variants, and which SellerCloud product each is linked to." />
      <EmptyState title="Your catalog is empty">
        Import your listings from a CSV file (SKU, title, brand, UPC, EAN, GTIN, ASIN, MPN, prices and quantity). Then run
        Link Listings on a channel to match them to SellerCloud products.
      </EmptyState>
    </>
  );
}
