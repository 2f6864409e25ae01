/** The Catalog page's table: one page of variants, their identifiers and what each is linked to. */

import type { CatalogRow } from "@/lib/catalog/list";
import { formatCents, matchedByText } from "./format";
import { LinkStatusBadge } from "./link-status-badge";

const IDENTIFIERS = [
  ["upc", "UPC"],
  ["ean", "EAN"],
  ["gtin", "GTIN"],
  ["asin", "ASIN"],
  ["mpn", "MPN"],
] as const;

/** One page of variants with their identifiers and what each is linked to on the chosen channel. */
export function CatalogTable({
  rows,
  caption,
  channelName,
  selectable = false,
}: {
  rows: CatalogRow[];
  caption: string;
  channelName: string | null;
  /** A checkbox per row (name "variantIds"), for components/catalog/catalog-selection.tsx. */
  selectable?: boolean;
}) {
  return (
    <section
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide table must scroll from the keyboard too (axe scrollable-region-focusable)
      tabIndex={0}
      aria-label="Catalog variants"
    >
      <table className="w-full text-left text-sm" data-testid="catalog-table">
        <caption className="px-4 py-3 text-left text-sm text-slate-600">{caption}</caption>
        <thead className="border-y border-slate-200 bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            {selectable && (
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Select</span>
              </th>
            )}
            <th scope="col" className="px-4 py-2">
              SKU
            </th>
            <th scope="col" className="px-4 py-2">
              Title
            </th>
            <th scope="col" className="px-4 py-2">
              Brand
            </th>
            <th scope="col" className="px-4 py-2">
              Identifiers
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Price
            </th>
            <th scope="col" className="px-4 py-2 text-right">
              Qty
            </th>
            <th scope="col" className="px-4 py-2">
              {channelName ? `Link on ${channelName}` : "Link"}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const ids = IDENTIFIERS.filter(([key]) => row[key]);
            return (
              <tr
                key={row.variantId}
                className="border-b border-slate-100 align-top"
                data-testid="catalog-row"
                data-sku={row.sku}
              >
                {selectable && (
                  <td className="px-4 py-2">
                    <input type="checkbox" name="variantIds" value={row.variantId} aria-label={`Select ${row.sku}`} />
                  </td>
                )}
                <th scope="row" className="px-4 py-2 font-mono text-xs font-medium whitespace-nowrap text-slate-900">
                  {row.sku}
                  {row.listingKey.toUpperCase() !== row.sku.trim().toUpperCase() && (
                    <span className="mt-0.5 block font-sans font-normal text-slate-500">Listing {row.listingKey}</span>
                  )}
                </th>
                <td className="px-4 py-2">{row.title || <span className="text-slate-500">No title</span>}</td>
                <td className="px-4 py-2">{row.brand ?? <span className="text-slate-500">—</span>}</td>
                <td className="px-4 py-2">
                  {ids.length === 0 ? (
                    <span className="text-slate-500">—</span>
                  ) : (
                    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs">
                      {ids.map(([key, label]) => (
                        <div key={key} className="contents">
                          <dt className="text-slate-500">{label}</dt>
                          <dd className="font-mono break-all">{row[key]}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
                <td className="px-4 py-2 text-right tabular-nums">{formatCents(row.priceCents)}</td>
                <td className="px-4 py-2 text-right tabular-nums">{row.quantity ?? "—"}</td>
                <td className="px-4 py-2" data-testid="link-cell">
                  <LinkStatusBadge status={row.link.status} />
                  {row.link.status === "linked" && row.link.sellercloudProductId && (
                    <p className="mt-1 text-xs text-slate-700">
                      to SellerCloud <span className="font-mono">{row.link.sellercloudProductId}</span>
                      {row.link.matchedBy && (
                        <span className="block text-slate-500">by {matchedByText(row.link.matchedBy)}</span>
                      )}
                    </p>
                  )}
                  {row.link.message && <p className="mt-1 max-w-xs text-xs text-slate-600">{row.link.message}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
