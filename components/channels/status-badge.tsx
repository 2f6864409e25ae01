/** The channel status badge: Draft, Active or Paused. */

const STYLES = {
  draft: "bg-amber-50 text-amber-900 border-amber-200",
  active: "bg-green-50 text-green-800 border-green-200",
  paused: "bg-slate-100 text-slate-700 border-slate-300",
} as const;

const LABELS = { draft: "Draft", active: "Active", paused: "Paused" } as const;

export function StatusBadge({ status }: { status: keyof typeof STYLES }) {
  return (
    <span className={`inline-flex items-center rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[status]}`}>
      {LABELS[status]}
    </span>
  );
}
