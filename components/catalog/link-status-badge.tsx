/** A variant's link status as a coloured badge. */

import type { LinkStatus } from "@/lib/catalog/list";
import { LINK_STATUS_LABELS } from "./format";

const STYLES: Record<LinkStatus, string> = {
  linked: "bg-green-100 text-green-800",
  unlinked: "bg-slate-100 text-slate-700",
  conflict: "bg-red-100 text-red-800",
  ambiguous: "bg-amber-100 text-amber-900",
  unmatched: "bg-amber-50 text-amber-900 ring-1 ring-amber-200",
  invalid_code: "bg-red-50 text-red-800 ring-1 ring-red-200",
};

export function LinkStatusBadge({ status }: { status: LinkStatus }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STYLES[status]}`}
    >
      {LINK_STATUS_LABELS[status]}
    </span>
  );
}
