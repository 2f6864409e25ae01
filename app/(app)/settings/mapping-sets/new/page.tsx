/** The new mapping set page (/settings/mapping-sets/new). */

import type { Metadata } from "next";
import Link from "next/link";
import { MappingSetForm } from "@/components/mapping/mapping-set-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New mapping set" };

export default async function NewMappingSetPage() {
  await requireSession();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings/mapping-sets" className="text-brand-700 underline">
          ← Mapping sets
        </Link>
      </p>
      <PageHeader
        title="New mapping set"
        description="Name it, then add from → to rows or load them from a CSV file."
      />
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <MappingSetForm />
      </div>
    </>
  );
}
