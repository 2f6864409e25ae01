/** An order's billing or shipping address card on the order page. */

import type { Order } from "@/db/schema/orders";

type Prefix = "billing" | "shipping";

const ROWS: Array<[label: string, suffix: string]> = [
  ["Company", "CompanyName"],
  ["Street", "Street1"],
  ["Street line 2", "Street2"],
  ["City", "City"],
  ["State", "StateName"],
  ["State code", "StateCode"],
  ["Postal code", "PostalCode"],
  ["Country", "CountryName"],
  ["Country code", "CountryCode"],
  ["Phone", "Phone"],
];

/** One of the order's two addresses as mapped by the template. */
export function AddressCard({ order, prefix, title }: { order: Order; prefix: Prefix; title: string }) {
  const get = (suffix: string) => (order as unknown as Record<string, string | null>)[`${prefix}${suffix}`] ?? null;
  const name = [get("FirstName"), get("LastName")].filter(Boolean).join(" ");
  const rows = ROWS.map(([label, suffix]) => [label, get(suffix)] as const).filter(([, value]) => value);
  return (
    <section aria-labelledby={`${prefix}-title`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={`${prefix}-title`} className="mb-2 text-sm font-semibold text-slate-900">
        {title}
      </h2>
      {order.personalDataClearedAt ? (
        <p className="text-sm text-slate-600 italic">Cleared with the order’s personal data.</p>
      ) : !name && rows.length === 0 ? (
        <p className="text-sm text-slate-600">
          No address (the template leaves it unmapped, or SellerCloud sent none).
        </p>
      ) : (
        <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">Name</dt>
          <dd>{name || "—"}</dd>
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
