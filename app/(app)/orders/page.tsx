/**
 * The Orders page (/orders): orders imported by Get Orders, filtered, with SellerCloud's status
 * and Conduit's shipments.
 */

import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatMoney, formatScTime, orderStatusLabel, personName } from "@/components/orders/format";
import { ConduitStateBadge, SellerCloudShippingText } from "@/components/orders/order-status";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterField, SelectInput, TextInput } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/index";
import { listChannelOptions } from "@/lib/channels/channel-options";
import { listOrders } from "@/lib/orders/queries";
import { CONDUIT_SHIPMENT_STATES, CONDUIT_STATE_LABELS, describeOrderStatus } from "@/lib/orders/status";
import { ORDER_STATUS_LABELS } from "@/lib/sellercloud/enums";
import { requireSession } from "@/lib/server/session";
import { calendarDay, searchText } from "@/lib/validation";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Orders" };

const PAGE_SIZE = 50;
// A day that does not exist (2026-02-30) or a search with control characters is dropped, not a 500.
const day = calendarDay.optional().catch(undefined);
const filterSchema = z.object({
  q: searchText(200).optional().catch(undefined),
  channel: z.string().uuid().optional().catch(undefined),
  // An empty select submits "status=", which must mean "any", not status 0.
  status: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().optional()).catch(undefined),
  // SellerCloud's shipping status: Fully Shipped or not.
  shipped: z.enum(["yes", "no"]).optional().catch(undefined),
  // Where Conduit's own shipments stand.
  conduit: z.enum(CONDUIT_SHIPMENT_STATES).optional().catch(undefined),
  // Orders a Get Orders run imported or updated (the run page links here).
  run: z.string().uuid().optional().catch(undefined),
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
type Filter = z.infer<typeof filterSchema>;

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function href(filter: Filter, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filter, page: page > 1 ? page : undefined }))
    if (value !== undefined && value !== "") params.set(key, String(value));
  const text = params.toString();
  return text ? `/orders?${text}` : "/orders";
}

export default async function OrdersPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const session = await requireSession();
  const filter = filterSchema.parse(await searchParams);
  const db = await getDb();
  const [{ rows, total }, channelOptions] = await Promise.all([
    listOrders(db, session.workspaceId, {
      search: filter.q,
      channelId: filter.channel,
      status: filter.status,
      shipped: filter.shipped === undefined ? undefined : filter.shipped === "yes",
      conduit: filter.conduit,
      runId: filter.run,
      from: filter.from,
      // The "to" day is inclusive for people; the query's bound is exclusive.
      to: filter.to ? nextDay(filter.to) : undefined,
      limit: PAGE_SIZE,
      offset: (filter.page - 1) * PAGE_SIZE,
    }),
    listChannelOptions(db, session.workspaceId),
  ]);
  const filtered = Boolean(
    filter.q ||
      filter.channel ||
      filter.status !== undefined ||
      filter.shipped ||
      filter.conduit ||
      filter.run ||
      filter.from ||
      filter.to,
  );
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const first = total === 0 ? 0 : (filter.page - 1) * PAGE_SIZE + 1;

  return (
    <>
      <PageHeader
        title="Orders"
        description="Orders imported from SellerCloud by Get Orders, with what SellerCloud confirmed and where Conduit's shipments stand."
        actions={
          <Link href="/orders/shipments/upload" className={buttonClass("secondary")}>
            Upload shipments CSV
          </Link>
        }
      />
      {total === 0 && !filtered ? (
        <EmptyState title="No orders yet">
          Orders appear here after a channel with Get Orders enabled runs. Set up a channel first, then choose “Run now”
          on its Get Orders operation, or let its schedule do it.
        </EmptyState>
      ) : (
        <>
          <form
            method="get"
            aria-label="Filter orders"
            className="mb-4 grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_1fr_1fr_1fr_auto] lg:items-end"
          >
            {filter.run && <input type="hidden" name="run" value={filter.run} />}
            <FilterField id="q" label="Search">
              <TextInput
                id="q"
                name="q"
                type="search"
                defaultValue={filter.q ?? ""}
                placeholder="Order ID, customer, email or SKU"
              />
            </FilterField>
            <FilterField id="channel" label="Channel">
              <SelectInput id="channel" name="channel" defaultValue={filter.channel ?? ""}>
                <option value="">All channels</option>
                {channelOptions.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </SelectInput>
            </FilterField>
            <FilterField id="status" label="SellerCloud status">
              <SelectInput
                id="status"
                name="status"
                defaultValue={filter.status === undefined ? "" : String(filter.status)}
              >
                <option value="">Any status</option>
                {Object.entries(ORDER_STATUS_LABELS).map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </SelectInput>
            </FilterField>
            <FilterField id="shipped" label="Shipped in SellerCloud">
              <SelectInput id="shipped" name="shipped" defaultValue={filter.shipped ?? ""}>
                <option value="">Any</option>
                <option value="yes">Fully Shipped</option>
                <option value="no">Not fully shipped</option>
              </SelectInput>
            </FilterField>
            <FilterField id="conduit" label="Conduit shipment">
              <SelectInput id="conduit" name="conduit" defaultValue={filter.conduit ?? ""}>
                <option value="">Any</option>
                {CONDUIT_SHIPMENT_STATES.map((state) => (
                  <option key={state} value={state}>
                    {CONDUIT_STATE_LABELS[state]}
                  </option>
                ))}
              </SelectInput>
            </FilterField>
            <FilterField id="from" label="Ordered from">
              <TextInput id="from" name="from" type="date" defaultValue={filter.from ?? ""} />
            </FilterField>
            <FilterField id="to" label="Ordered to">
              <TextInput id="to" name="to" type="date" defaultValue={filter.to ?? ""} />
            </FilterField>
            <div className="flex items-center gap-3">
              <button type="submit" className={buttonClass("secondary")}>
                Filter
              </button>
              {filtered && (
                <Link href="/orders" className="text-sm whitespace-nowrap text-brand-700 underline">
                  Clear
                </Link>
              )}
            </div>
          </form>
          {filter.run && (
            <p className="mb-3 text-sm text-slate-700" data-testid="orders-of-run">
              Orders imported or updated by{" "}
              <Link href={`/runs/${filter.run}`} className="text-brand-700 underline">
                this Get Orders run
              </Link>{" "}
              ·{" "}
              <Link href="/orders" className="text-brand-700 underline">
                Show all orders
              </Link>
            </p>
          )}
          {rows.length === 0 ? (
            <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">
              {total === 0 ? "No orders match these filters." : "This page is past the last order."}{" "}
              <Link href="/orders" className="text-brand-700 underline">
                Show all orders
              </Link>
            </p>
          ) : (
            <>
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
                <table className="w-full text-left text-sm">
                  <caption className="sr-only">Orders, newest first</caption>
                  <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
                    <tr>
                      <th className="px-4 py-2">Order</th>
                      <th className="px-4 py-2">Channel</th>
                      <th className="px-4 py-2">Ordered</th>
                      <th className="px-4 py-2">Ship to</th>
                      <th className="px-4 py-2 text-right">Items</th>
                      <th className="px-4 py-2 text-right">Total</th>
                      <th className="px-4 py-2">SellerCloud</th>
                      <th className="px-4 py-2">Conduit shipment</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((order) => {
                      const name = personName(order.shippingFirstName, order.shippingLastName);
                      const place = [order.shippingCity, order.shippingCountryCode].filter(Boolean).join(", ");
                      const status = describeOrderStatus({
                        shipmentStates: order.conduitState === "none" ? [] : [order.conduitState],
                        shippedAt: order.shippedAt,
                        scShippingStatus: order.scShippingStatus,
                        scShippedAt: order.scShippedAt,
                      });
                      return (
                        <tr key={order.id} className="border-b border-slate-100 hover:bg-slate-50">
                          <td className="px-4 py-2">
                            <Link href={`/orders/${order.id}`} className="font-medium text-brand-700 underline">
                              #{order.sellercloudOrderId}
                            </Link>
                            {order.orderSourceOrderId && (
                              <div className="text-xs text-slate-600">{order.orderSourceOrderId}</div>
                            )}
                          </td>
                          <td className="px-4 py-2">{order.channelName}</td>
                          <td className="px-4 py-2 whitespace-nowrap">{formatScTime(order.timeOfOrder)}</td>
                          <td className="px-4 py-2">
                            {order.personalDataClearedAt ? (
                              <span className="text-xs text-slate-600 italic">personal data cleared</span>
                            ) : (
                              <>
                                {name || "—"}
                                {place && <div className="text-xs text-slate-600">{place}</div>}
                              </>
                            )}
                          </td>
                          <td className="px-4 py-2 text-right">{order.itemCount}</td>
                          <td className="px-4 py-2 text-right">{formatMoney(order.grandTotal, order.currencyCode)}</td>
                          <td className="px-4 py-2">
                            {orderStatusLabel(order.scStatusCode)}
                            <div className="text-xs">
                              <SellerCloudShippingText facts={status.sellercloud} />
                            </div>
                          </td>
                          <td className="px-4 py-2">
                            <ConduitStateBadge state={status.conduit.state} short />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-3 text-sm">
                <span className="text-slate-600">
                  {first}–{first + rows.length - 1} of {total}
                </span>
                <span className="ml-auto flex gap-2">
                  {filter.page > 1 ? (
                    <Link href={href(filter, filter.page - 1)} className={buttonClass("secondary")} rel="prev">
                      Previous
                    </Link>
                  ) : (
                    <span className={buttonClass("secondary", "pointer-events-none opacity-50")} aria-disabled="true">
                      Previous
                    </span>
                  )}
                  <span className="self-center text-slate-600">
                    Page {filter.page} of {pages}
                  </span>
                  {filter.page < pages ? (
                    <Link href={href(filter, filter.page + 1)} className={buttonClass("secondary")} rel="next">
                      Next
                    </Link>
                  ) : (
                    <span className={buttonClass("secondary", "pointer-events-none opacity-50")} aria-disabled="true">
                      Next
                    </span>
                  )}
                </span>
              </nav>
            </>
          )}
        </>
      )}
    </>
  );
}
