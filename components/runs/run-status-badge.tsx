/** A run's status as a coloured badge. */

import type { RunStatus } from "@/lib/operations/types";

const STYLES: Record<RunStatus, { label: string; className: string }> = {
  queued: { label: "Queued", className: "bg-slate-100 text-slate-800" },
  running: { label: "Running", className: "bg-brand-100 text-brand-800" },
  succeeded: { label: "Succeeded", className: "bg-green-100 text-green-800" },
  partially_failed: { label: "Partially failed", className: "bg-amber-100 text-amber-900" },
  failed: { label: "Failed", className: "bg-red-100 text-red-800" },
  canceled: { label: "Canceled", className: "bg-slate-200 text-slate-700" },
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  const style = STYLES[status];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${style.className}`}>
      {style.label}
    </span>
  );
}
