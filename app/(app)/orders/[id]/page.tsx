import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { OrderShipmentsSection } from "@/components/shipments/order-shipments-section";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { isAppError } from "@/lib/errors";
import { getOrder } from "@/lib/orders/queries";
import { requireSession } from "@/lib/server/session";
import { loadOrderShipmentsSection } from "@/lib/server/shipment-pages";

export const metadata: Metadata = { title: "Order" };

// A minimal order page (the Sync Orders helper needed somewhere to record shipments); the order
// details here are a placeholder for the Get Orders order view.
export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await requireSession();
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const db = await getDb();
  let detail: Awaited<ReturnType<typeof getOrder>>;
  try {
    detail = await getOrder(db, session.workspaceId, id);
  } catch (error) {
    if (isAppError(error) && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const shipments = await loadOrderShipmentsSection(session.workspaceId, id);
  const { order } = detail;
  return (
    <div className="space-y-6">
      <PageHeader
        title={`Order #${order.sellercloudOrderId}`}
        description={
          <>
            {order.orderSourceOrderId ? `Marketplace order ${order.orderSourceOrderId} · ` : ""}
            Channel{" "}
            <Link className="underline" href={`/channels/${detail.channel.id}`}>
              {detail.channel.name}
            </Link>
            {order.shippedAt ? " · shipped in Conduit" : ""}
          </>
        }
      />
      <section className="rounded-lg border border-slate-200 bg-white p-6">
        <h2 className="text-base font-semibold">Items</h2>
        <table className="mt-3 w-full text-sm">
          <thead className="text-left text-slate-600">
            <tr>
              <th className="py-1 font-medium">SKU</th>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Qty</th>
            </tr>
          </thead>
          <tbody>
            {detail.items.map((item) => (
              <tr key={item.id} className="border-t border-slate-100">
                <td className="py-1 font-mono">{item.productId}</td>
                <td className="py-1">{item.displayName}</td>
                <td className="py-1">{item.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <OrderShipmentsSection {...shipments} />
    </div>
  );
}
