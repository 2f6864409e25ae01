/** The mapping sets page (/settings/mapping-sets): the workspace's from → to value lists. */

import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/runs/format";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listMappingSets } from "@/lib/mapping/set-queries";
import { requireSession } from "@/lib/server/session";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Mapping sets" };

export default async function MappingSetsPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const session = await requireSession();
  const { deleted } = await searchParams;
  const sets = await listMappingSets(await getDb(), session.workspaceId);
  const create = (
    <Link href="/settings/mapping-sets/new" className={buttonClass("primary")}>
      New mapping set
    </Link>
  );
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/settings" className="text-brand-700 underline">
          ← Settings
        </Link>
      </p>
      <PageHeader
        title="Mapping sets"
        description="From → to lookup tables shared by every mapping template of the workspace, e.g. SellerCloud shipping methods to your service names."
        actions={sets.length > 0 ? create : undefined}
      />
      {deleted && (
        <div className="mb-4">
          <Alert tone="success">The mapping set was deleted.</Alert>
        </div>
      )}
      {sets.length === 0 ? (
        <EmptyState title="No mapping sets yet" action={create}>
          A mapping set translates SellerCloud values into yours (for example “UPS Ground” → “Ground”). Create one here
          or from a template row in Mapping Set mode, type the rows or load them from a CSV file.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Mapping sets of the workspace</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
              <tr>
                <th className="px-4 py-2">Name</th>
                <th className="px-4 py-2">Description</th>
                <th className="px-4 py-2 text-right">Rows</th>
                <th className="px-4 py-2">Last changed</th>
              </tr>
            </thead>
            <tbody>
              {sets.map((set) => (
                <tr key={set.id} className="border-b border-slate-100">
                  <td className="px-4 py-2">
                    <Link href={`/settings/mapping-sets/${set.id}`} className="font-medium text-brand-700 underline">
                      {set.name}
                    </Link>
                  </td>
                  <td className="px-4 py-2 text-slate-600">{set.description || "—"}</td>
                  <td className="px-4 py-2 text-right">{set.entries.length}</td>
                  <td className="px-4 py-2 text-slate-600">{formatDateTime(set.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
