/** What a page shows before there is anything in it. */

import type { ReactNode } from "react";

/** What a page shows before there is anything in it: what this is, and the next step. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
      <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{children}</div>
      {action && <div className="mt-6 flex justify-center">{action}</div>}
    </section>
  );
}
