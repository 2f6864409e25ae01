/** The Catalog page's filters: search, brand, channel and link status. */

import Link from "next/link";
import type { LinkStatus } from "@/lib/catalog/list";
import type { CatalogChannel } from "@/lib/catalog/queries";
import { buttonClass } from "../ui/button";
import { inputClass } from "../ui/field";
import { type CatalogView, catalogHref } from "./catalog-url";
import { formatCount, LINK_STATUS_LABELS } from "./format";

const STATUS_ORDER: Array<"all" | LinkStatus> = [
  "all",
  "linked",
  "unlinked",
  "conflict",
  "ambiguous",
  "unmatched",
  "invalid_code",
];

/**
 * Search, brand and channel as a plain GET form (works without JavaScript, every control labelled),
 * and the link-status filters as links with their counts.
 */
export function CatalogFilters({
  view,
  brands,
  channels,
  counts,
}: {
  view: CatalogView;
  brands: string[];
  channels: CatalogChannel[];
  counts: (Record<LinkStatus, number> & { total: number }) | null;
}) {
  const status = view.status ?? "all";
  const filtered = Boolean(view.q || view.brand || view.run || status !== "all");
  return (
    <div className="space-y-3">
      <search aria-label="Filter the catalog">
        <form method="get" action="/catalog" className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <label htmlFor="catalog-q" className="block text-sm font-medium text-slate-800">
              Search
            </label>
            <input
              id="catalog-q"
              name="q"
              type="search"
              defaultValue={view.q ?? ""}
              placeholder="SKU, title, brand, UPC, EAN, GTIN, ASIN, MPN or SellerCloud SKU"
              className={`${inputClass} mt-1`}
            />
          </div>
          <div>
            <label htmlFor="catalog-brand" className="block text-sm font-medium text-slate-800">
              Brand
            </label>
            <select id="catalog-brand" name="brand" defaultValue={view.brand ?? ""} className={`${inputClass} mt-1`}>
              <option value="">All brands</option>
              {brands.map((brand) => (
                <option key={brand} value={brand}>
                  {brand}
                </option>
              ))}
            </select>
          </div>
          {channels.length > 1 ? (
            <div>
              <label htmlFor="catalog-channel" className="block text-sm font-medium text-slate-800">
                Link status on channel
              </label>
              <select
                id="catalog-channel"
                name="channel"
                defaultValue={view.channel ?? ""}
                className={`${inputClass} mt-1`}
              >
                {channels.map((channel) => (
                  <option key={channel.id} value={channel.id}>
                    {channel.name}
                  </option>
                ))}
              </select>
            </div>
          ) : (
            view.channel && <input type="hidden" name="channel" value={view.channel} />
          )}
          {status !== "all" && <input type="hidden" name="status" value={status} />}
          {view.run && <input type="hidden" name="run" value={view.run} />}
          <button type="submit" className={buttonClass("secondary")}>
            Apply
          </button>
          {filtered && (
            <Link
              href={catalogHref({ channel: view.channel })}
              className="py-2 text-sm font-medium text-brand-700 underline"
            >
              Clear filters
            </Link>
          )}
        </form>
      </search>
      {counts && (
        <nav aria-label="Link status" className="flex flex-wrap gap-2">
          {STATUS_ORDER.map((s) => {
            const active = s === status;
            const n = s === "all" ? counts.total : counts[s];
            return (
              <Link
                key={s}
                href={catalogHref(view, { status: s, page: 1 })}
                aria-current={active ? "page" : undefined}
                data-testid={`status-filter-${s}`}
                className={`rounded-full border px-3 py-1 text-sm ${active ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
              >
                {s === "all" ? "All" : LINK_STATUS_LABELS[s]}{" "}
                <span className="tabular-nums text-slate-600">({formatCount(n)})</span>
              </Link>
            );
          })}
        </nav>
      )}
    </div>
  );
}
