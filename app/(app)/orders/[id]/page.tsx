/** An order's page (/orders/<id>): the order as mapped, its lines, status, shipments and personal data note. */

import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddressCard } from "@/components/orders/address-card";
import { formatMoney, formatScTime, orderStatusLabel } from "@/components/orders/format";
import { KitItems, kitItemsOf } from "@/components/orders/kit-items";
import { LineQuantityNote, nonPositiveQuantity } from "@/components/orders/line-quantity-note";
import { ConduitStateBadge, OrderStatusSection, SellerCloudShippingText } from "@/components/orders/order-status";
import { RetentionNote } from "@/components/orders/retention-note";
import { formatDateTime } from "@/components/runs/format";
import { OrderShipmentsSection } from "@/components/shipments/order-shipments-section";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { getOrder } from "@/lib/orders/queries";
import { channelRetention, personalDataClearing } from "@/lib/orders/retention";
import { orNotFound } from "@/lib/server/mapping-pages";
import { isUuid } from "@/lib/server/route-params";
import { requireSession } from "@/lib/server/session";
import { loadOrderShipmentsSection } from "@/lib/server/shipment-pages";
import { OrderFulfillmentSection } from "@/components/vendors/order-fulfillment-section";
import { loadOrderFulfillment } from "@/lib/vendors/queries";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Order" };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const detail = await orNotFound(async () => getOrder(await getDb(), session.workspaceId, id));
  const { order, channel, items, importedBy, lastUpdatedBy, template, status } = detail;
  const shipments = await loadOrderShipmentsSection(session.workspaceId, id);
  const fulfillment = await loadOrderFulfillment(await getDb(), session.workspaceId, id);
  const itemsTotal = items.reduce((sum, i) => sum + (i.quantity ?? 0), 0);
  const clearing = personalDataClearing(order, await channelRetention(await getDb(), session.workspaceId, channel.id));
  const currency = order.currencyCode;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/orders" className="text-brand-700 underline">
          ← Orders
        </Link>
      </p>
      <PageHeader
        title={`Order #${order.sellercloudOrderId}`}
        description={
          <>
            <Link href={`/channels/${channel.id}`} className="text-brand-700 underline">
              {channel.name}
            </Link>
            {order.orderSourceOrderId && <> · order source ID {order.orderSourceOrderId}</>} · SellerCloud:{" "}
            {orderStatusLabel(order.scStatusCode)} · <SellerCloudShippingText facts={status.sellercloud} /> · Conduit:{" "}
            <ConduitStateBadge state={status.conduit.state} />
          </>
        }
      />
      <div className="space-y-6">
        {order.personalDataClearedAt && (
          <Alert tone="info" title="Personal data cleared">
            Names, addresses, phone numbers and emails of this order were cleared on{" "}
            {formatDateTime(order.personalDataClearedAt)}, as the channel’s retention setting asks after shipment.
            Totals, items and IDs are kept.
          </Alert>
        )}
        <RetentionNote clearing={clearing} channelId={channel.id} now={new Date()} />
        <OrderStatusSection facts={status} orderStatus={orderStatusLabel(order.scStatusCode)} />
        <section aria-labelledby="summary-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="summary-title" className="mb-2 text-sm font-semibold text-slate-900">
            Totals
          </h2>
          <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[10rem_1fr_10rem_1fr]">
            <dt className="text-slate-600">Grand total</dt>
            <dd className="font-medium">{formatMoney(order.grandTotal, currency)}</dd>
            <dt className="text-slate-600">Time of order</dt>
            <dd>{formatScTime(order.timeOfOrder)}</dd>
            <dt className="text-slate-600">Shipping total</dt>
            <dd>{formatMoney(order.shippingTotal, currency)}</dd>
            <dt className="text-slate-600">Shipping service</dt>
            <dd>{order.shippingService || "—"}</dd>
            <dt className="text-slate-600">Tax total</dt>
            <dd>{formatMoney(order.taxTotal, currency)}</dd>
          </dl>
        </section>
        <div className="grid gap-4 md:grid-cols-2">
          <AddressCard order={order} prefix="shipping" title="Shipping address" />
          <AddressCard order={order} prefix="billing" title="Billing address" />
        </div>
        <section aria-labelledby="items-title" className="rounded-lg border border-slate-200 bg-white">
          <h2 id="items-title" className="px-4 pt-4 pb-2 text-sm font-semibold text-slate-900">
            Items ({items.length} {items.length === 1 ? "line" : "lines"}, {itemsTotal} units)
          </h2>
          {items.length === 0 ? (
            <p className="px-4 pb-4 text-sm text-slate-600">This order has no items.</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
                  <tr>
                    <th className="px-4 py-2">#</th>
                    <th className="px-4 py-2">Product</th>
                    <th className="px-4 py-2">Catalog variant</th>
                    <th className="px-4 py-2 text-right">Qty</th>
                    <th className="px-4 py-2 text-right">Site price</th>
                    <th className="px-4 py-2 text-right">Adjusted</th>
                    <th className="px-4 py-2 text-right">Original base</th>
                    <th className="px-4 py-2 text-right">Weight</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((item) => (
                    <tr key={item.id} className="border-b border-slate-100">
                      <td className="px-4 py-2">{item.lineNumber}</td>
                      <td className="px-4 py-2">
                        <div className="font-medium">{item.productId ?? "—"}</div>
                        {item.displayName && <div className="text-xs text-slate-600">{item.displayName}</div>}
                        <KitItems items={kitItemsOf(order.raw, item.lineNumber)} />
                      </td>
                      <td className="px-4 py-2">
                        {item.variant ? (
                          <Link
                            href={`/catalog?q=${encodeURIComponent(item.variant.sku)}`}
                            className="text-brand-700 underline"
                          >
                            {item.variant.sku}
                            {item.variant.listingTitle && (
                              <span className="block text-xs">{item.variant.listingTitle}</span>
                            )}
                          </Link>
                        ) : (
                          <span className="text-xs text-slate-600">not linked</span>
                        )}
                      </td>
                      <td className="px-4 py-2 text-right">
                        {item.quantity ?? "—"}
                        <LineQuantityNote quantity={nonPositiveQuantity(item.quantity, order.raw, item.lineNumber)} />
                      </td>
                      <td className="px-4 py-2 text-right">{formatMoney(item.sitePrice, currency)}</td>
                      <td className="px-4 py-2 text-right">{formatMoney(item.adjustedSitePrice, currency)}</td>
                      <td className="px-4 py-2 text-right">{formatMoney(item.originalBasePrice, currency)}</td>
                      <td className="px-4 py-2 text-right">{item.weight ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <OrderFulfillmentSection {...fulfillment} />
        <OrderShipmentsSection
          {...shipments}
          sellercloudShipped={status.sellercloud.fullyShipped ? { sellercloudOrderId: order.sellercloudOrderId } : null}
        />
        <section aria-labelledby="import-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="import-title" className="mb-2 text-sm font-semibold text-slate-900">
            Import
          </h2>
          <dl className="grid grid-cols-[12rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">Imported by</dt>
            <dd>
              {importedBy ? (
                <Link href={`/runs/${importedBy.id}`} className="text-brand-700 underline">
                  Get Orders run of {formatDateTime(importedBy.startedAt)}
                </Link>
              ) : (
                "—"
              )}{" "}
              <span className="text-slate-600">({formatDateTime(order.createdAt)})</span>
            </dd>
            {lastUpdatedBy && lastUpdatedBy.id !== importedBy?.id && (
              <>
                <dt className="text-slate-600">Last updated by</dt>
                <dd>
                  <Link href={`/runs/${lastUpdatedBy.id}`} className="text-brand-700 underline">
                    Get Orders run of {formatDateTime(lastUpdatedBy.startedAt)}
                  </Link>
                </dd>
              </>
            )}
            <dt className="text-slate-600">Mapping template</dt>
            <dd>
              {template ? (
                <Link
                  href={`/channels/${channel.id}/mapping/${template.id}/versions`}
                  className="text-brand-700 underline"
                >
                  {template.name}, version {template.version}
                </Link>
              ) : (
                "—"
              )}
            </dd>
            <dt className="text-slate-600">SellerCloud created / updated</dt>
            <dd>
              {formatScTime(order.scCreatedOn)} / {formatScTime(order.scLastUpdated)}
            </dd>
          </dl>
        </section>
        <details className="rounded-lg border border-slate-200 bg-white p-4">
          <summary className="cursor-pointer text-sm font-semibold text-slate-900">
            SellerCloud record (as received)
          </summary>
          <p className="mt-2 text-xs text-slate-600">
            The order exactly as SellerCloud’s order list returned it
            {order.personalDataClearedAt ? ", with its personal data removed" : ""}.
          </p>
          <pre className="mt-2 rounded bg-slate-900 p-3 text-xs break-all whitespace-pre-wrap text-slate-100">
            {JSON.stringify(order.raw, null, 2)}
          </pre>
        </details>
      </div>
    </>
  );
}
