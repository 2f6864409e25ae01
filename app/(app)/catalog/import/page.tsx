/** The catalog import page (/catalog/import): the CSV import wizard. */

import type { Metadata } from "next";
import Link from "next/link";
import { ImportWizard } from "@/components/catalog/import-wizard";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const metadata: Metadata = { title: "Import catalog" };
export const dynamic = "force-dynamic";

export default async function ImportCatalogPage() {
  await requireSession();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/catalog" className="text-brand-700 underline">
          ← Catalog
        </Link>
      </p>
      <PageHeader
        title="Import a catalog CSV"
        description="Add or update listings and variants from a CSV file. A SKU already in the catalog is updated; the same file imported twice changes nothing."
      />
      <ImportWizard />
    </>
  );
}
