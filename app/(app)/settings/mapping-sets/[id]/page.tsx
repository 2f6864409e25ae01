/** A mapping set's page (/settings/mapping-sets/<id>): edit or delete it. */

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MappingSetForm } from "@/components/mapping/mapping-set-form";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { getMappingSet } from "@/lib/mapping/set-queries";
import { orNotFound } from "@/lib/server/mapping-pages";
import { isUuid } from "@/lib/server/route-params";
import { requireSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mapping set" };

export default async function MappingSetPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const session = await requireSession();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const { created } = await searchParams;
  const set = await orNotFound(async () => getMappingSet(await getDb(), session.workspaceId, id));
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings/mapping-sets" className="text-brand-700 underline">
          ← Mapping sets
        </Link>
      </p>
      <PageHeader
        title={set.name}
        description="Shared by every template of the workspace: a change applies to the next import of every template that uses it."
      />
      {created && (
        <div className="mb-4">
          <Alert tone="success">Mapping set created.</Alert>
        </div>
      )}
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <MappingSetForm set={{ id: set.id, name: set.name, description: set.description, entries: set.entries }} />
      </div>
    </>
  );
}
