/** The Vendors page (/vendors): the workspace's vendors, how each receives orders, and a form to add one. */

import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { VendorForm } from "@/components/vendors/vendor-form";
import { getDb } from "@/db/index";
import { can } from "@/lib/members/permissions";
import { requireSession } from "@/lib/server/session";
import { listVendors } from "@/lib/vendors/vendors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Vendors" };

export default async function VendorsPage() {
  const session = await requireSession();
  const vendors = await listVendors(await getDb(), session.workspaceId);
  return (
    <div className="space-y-6">
      <PageHeader
        title="Vendors"
        description="Suppliers, 3PLs and your own warehouses. Submit to Vendors sends each one its lines of your orders, as your channels' routing rules decide."
      />
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        {vendors.length === 0 ? (
          <p className="text-sm text-slate-600">No vendors yet.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Vendors">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="py-1">Name</th>
                <th className="py-1">Code</th>
                <th className="py-1">Receives orders by</th>
                <th className="py-1">Contact</th>
              </tr>
            </thead>
            <tbody>
              {vendors.map((v) => (
                <tr key={v.id} className="border-t border-slate-100">
                  <td className="py-2">
                    <Link href={`/vendors/${v.id}`} className="text-brand-700 underline">
                      {v.name}
                    </Link>
                    {v.archived && <span className="ml-2 text-xs text-slate-600">archived</span>}
                  </td>
                  <td className="py-2 font-mono">{v.code}</td>
                  <td className="py-2">{v.deliveryMethod}</td>
                  <td className="py-2">{v.contactEmail ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {can(session.role, "vendors.manage") && (
        <section aria-labelledby="new-vendor" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="new-vendor" className="mb-3 text-sm font-semibold">
            Add a vendor
          </h2>
          <VendorForm />
        </section>
      )}
    </div>
  );
}
