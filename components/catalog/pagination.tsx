/** The Catalog page's previous / next page links with "Page N of M". */

import Link from "next/link";
import { type CatalogView, catalogHref } from "./catalog-url";

const linkClass =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";

/** `more`: the count was capped, so there may be pages past pageCount ("Page 3 of 20+"). */
export function Pagination({
  view,
  page,
  pageCount,
  more = false,
}: {
  view: CatalogView;
  page: number;
  pageCount: number;
  more?: boolean;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="flex items-center justify-between gap-3">
      {page > 1 ? (
        <Link href={catalogHref(view, { page: page - 1 })} className={linkClass} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      <span className="text-sm text-slate-700">
        Page {page} of {pageCount}
        {more ? "+" : ""}
      </span>
      {page < pageCount ? (
        <Link href={catalogHref(view, { page: page + 1 })} className={linkClass} rel="next">
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
