/** A vendor's page (/vendors/<id>): its settings, API keys, open requests, delivery log and the vendor API in brief. */

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/runs/format";
import { PageHeader } from "@/components/ui/page-header";
import { ArchiveVendorButton } from "@/components/vendors/archive-vendor-button";
import { VendorForm } from "@/components/vendors/vendor-form";
import { VendorKeys } from "@/components/vendors/vendor-keys";
import { getDb } from "@/db/index";
import { appBaseUrl } from "@/lib/email/app-url";
import { can } from "@/lib/members/permissions";
import { orNotFound } from "@/lib/server/mapping-pages";
import { isUuid } from "@/lib/server/route-params";
import { requireSession } from "@/lib/server/session";
import { listVendorApiKeys } from "@/lib/vendors/api-keys";
import { listVendorDeliveries, listVendorRequestRows } from "@/lib/vendors/queries";
import { REQUEST_STATE_LABELS } from "@/lib/vendors/requests";
import { getVendorRow, toVendorSummary } from "@/lib/vendors/vendors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Vendor" };

export default async function VendorPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const scope = { workspaceId: session.workspaceId, vendorId: id };
  const vendor = toVendorSummary(await orNotFound(() => getVendorRow(db, scope)));
  const manage = can(session.role, "vendors.manage");
  const [requests, deliveries, keys] = await Promise.all([
    listVendorRequestRows(db, scope),
    listVendorDeliveries(db, scope),
    manage ? listVendorApiKeys(db, scope) : Promise.resolve([]),
  ]);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/vendors" className="text-brand-700 underline">
          ← Vendors
        </Link>
      </p>
      <PageHeader
        title={vendor.name}
        description={`Code ${vendor.code} · receives orders by ${vendor.deliveryMethod}${vendor.archived ? " · archived" : ""}`}
        actions={manage ? <ArchiveVendorButton vendorId={vendor.id} archived={vendor.archived} /> : undefined}
      />
      <section aria-labelledby="open-requests" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="open-requests" className="mb-2 text-sm font-semibold">
          Open requests ({requests.length})
        </h2>
        {requests.length === 0 ? (
          <p className="text-sm text-slate-600">No open requests.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Open requests">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="py-1">Request</th>
                <th className="py-1">Order</th>
                <th className="py-1">Lines</th>
                <th className="py-1">State</th>
                <th className="py-1">Created</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="py-2 font-mono">{r.number}</td>
                  <td className="py-2">
                    <Link href={`/orders/${r.orderId}`} className="text-brand-700 underline">
                      #{r.sellercloudOrderId}
                    </Link>
                  </td>
                  <td className="py-2">{r.lineCount}</td>
                  <td className="py-2">
                    {REQUEST_STATE_LABELS[r.state]}
                    {r.lastError && r.state === "pending" && (
                      <span className="block text-xs text-red-700">
                        {r.deliveryFailed ? "Gave up: " : "Retrying: "}
                        {r.lastError}
                      </span>
                    )}
                  </td>
                  <td className="py-2">{formatDateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {manage && (
        <>
          <section aria-labelledby="vendor-settings" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="vendor-settings" className="mb-3 text-sm font-semibold">
              Settings
            </h2>
            <VendorForm
              vendorId={vendor.id}
              initial={{
                name: vendor.name,
                code: vendor.code,
                contactEmail: vendor.contactEmail ?? "",
                deliveryMethod: vendor.deliveryMethod,
                webhookUrl: vendor.webhookUrl ?? "",
              }}
            />
          </section>
          <section aria-labelledby="vendor-keys" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="vendor-keys" className="mb-3 text-sm font-semibold">
              API keys
            </h2>
            <VendorKeys
              vendorId={vendor.id}
              webhook={vendor.deliveryMethod === "webhook"}
              keys={keys.map((k) => ({
                id: k.id,
                name: k.name,
                prefix: k.prefix,
                createdAt: k.createdAt.toISOString(),
                lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
                revokedAt: k.revokedAt?.toISOString() ?? null,
              }))}
            />
            <pre className="mt-4 overflow-x-auto rounded bg-slate-50 p-3 font-mono text-xs">
              {`# This Conduit's address (AUTH_URL):
CONDUIT_URL=${appBaseUrl().origin}
curl -H "Authorization: Bearer cdv_…" "$CONDUIT_URL/api/vendor/requests"
curl -H "Authorization: Bearer cdv_…" "$CONDUIT_URL/api/vendor/requests.csv"
curl -X POST -H "Authorization: Bearer cdv_…" "$CONDUIT_URL/api/vendor/requests/<id>/acknowledge"
curl -X POST -H "Authorization: Bearer cdv_…" -H "Content-Type: application/json" "$CONDUIT_URL/api/shipments" \\
  -d '{"orderNumber":"5000123","carrier":"UPS","trackingNumbers":["1Z999AA10123456784"]}'`}
            </pre>
          </section>
        </>
      )}
      <section aria-labelledby="delivery-log" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="delivery-log" className="mb-2 text-sm font-semibold">
          Delivery log
        </h2>
        {deliveries.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing sent yet.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Delivery log">
            <thead className="text-xs text-slate-600">
              <tr>
                <th className="py-1">When</th>
                <th className="py-1">Request</th>
                <th className="py-1">What</th>
                <th className="py-1">Attempt</th>
                <th className="py-1">Result</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100">
                  <td className="py-2">{formatDateTime(d.at)}</td>
                  <td className="py-2 font-mono">{d.number ?? "—"}</td>
                  <td className="py-2">
                    {d.kind === "cancel" ? "Cancel notice" : "Request"} by {d.method}
                    <span className="block font-mono text-xs text-slate-600">{d.messageId}</span>
                  </td>
                  <td className="py-2">{d.attempt}</td>
                  <td className="py-2">
                    {d.ok ? "Delivered" : "Failed"}
                    {d.responseStatus !== null && ` (HTTP ${d.responseStatus})`}
                    {d.error && <span className="block text-xs text-red-700">{d.error}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
