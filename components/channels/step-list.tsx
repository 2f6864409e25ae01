/** The wizard's step list beside every step: each step's status, linked where it can be opened. */

import Link from "next/link";
import { type ChannelState, canOpenStep, STEPS, type StepId, type StepStatus, stepStatus } from "@/lib/channels/wizard";

const LABELS: Record<StepStatus, string> = {
  done: "Done",
  current: "Current step",
  todo: "To do",
  optional: "Optional",
  not_needed: "Not needed",
};

const DOT: Record<StepStatus, string> = {
  done: "bg-green-600 text-white",
  current: "bg-brand-600 text-white",
  todo: "border border-slate-400 bg-white text-slate-700",
  optional: "border border-dashed border-slate-400 bg-white text-slate-700",
  not_needed: "border border-dashed border-slate-300 bg-slate-50 text-slate-500",
};

/** The wizard's visible progress: every step with done / current / optional, linked where reachable. */
export function StepList({
  channel,
  current,
  base,
}: {
  channel: ChannelState;
  current: StepId | null;
  base: "setup" | "settings";
}) {
  const done = STEPS.filter((s) => s.isComplete(channel)).length;
  return (
    <nav aria-label="Setup progress" className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="mb-3 text-sm text-slate-700">
        <span className="font-medium">{done}</span> of {STEPS.length} steps done
      </p>
      <ol className="space-y-1">
        {STEPS.map((step, index) => {
          const status = stepStatus(channel, step.id, current);
          const reachable = base === "settings" ? step.id !== "review" : canOpenStep(channel, step.id);
          const body = (
            <>
              <span
                aria-hidden="true"
                className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${DOT[status]}`}
              >
                {status === "done" ? "✓" : index + 1}
              </span>
              <span className="min-w-0">
                <span
                  className={`block text-sm ${status === "current" ? "font-semibold text-slate-900" : "text-slate-800"}`}
                >
                  {step.title}
                </span>
                <span className="block text-xs text-slate-600">{LABELS[status]}</span>
              </span>
            </>
          );
          return (
            <li key={step.id}>
              {reachable ? (
                <Link
                  href={`/channels/${channel.id}/${base}/${step.id}`}
                  aria-current={status === "current" ? "step" : undefined}
                  className={`flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-slate-50 ${status === "current" ? "bg-brand-50" : ""}`}
                >
                  {body}
                </Link>
              ) : (
                <span className="flex items-center gap-3 px-2 py-1.5 opacity-80">{body}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
