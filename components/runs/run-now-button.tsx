"use client";

/** The "Run now" (and dry run) button of one operation of a channel. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useCan } from "@/components/shell/role-context";
import type { Operation } from "@/lib/channels/settings";
import { runNowAction } from "@/lib/server/actions/run-actions";
import { Button } from "../ui/button";

/**
 * "Run now" (and optionally a dry run) for one operation of a channel; opens the live run. On a
 * paused channel the server answers with a question first, asked here before anything is queued.
 */
export function RunNowButton({
  channelId,
  operation,
  label = "Run now",
  allowDryRun = false,
  allowFullRecheck = false,
}: {
  channelId: string;
  operation: Operation;
  label?: string;
  allowDryRun?: boolean;
  /** Link Listings: a "Full re-check" button (reads SellerCloud whole, not only what changed). */
  allowFullRecheck?: boolean;
}) {
  const allowed = useCan("runs.start");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // A paused channel: the server asked whether to run anyway (nothing is queued until confirmed).
  const [confirm, setConfirm] = useState<{ message: string; dryRun: boolean; full: boolean } | null>(null);

  const start = (dryRun: boolean, confirmPaused = false, full = false) =>
    startTransition(async () => {
      setError(null);
      setConfirm(null);
      const result = await runNowAction({ channelId, operation, dryRun, confirmPaused, ...(full && { full }) });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      if ("confirmPaused" in result.data) {
        setConfirm({ message: result.data.message, dryRun, full });
        return;
      }
      router.push(`/runs/${result.data.runId}${result.data.alreadyRunning ? "?already=1" : ""}`);
    });

  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button onClick={() => start(false)} disabled={pending}>
        {pending ? "Starting…" : label}
      </Button>
      {allowDryRun && (
        <Button variant="secondary" onClick={() => start(true)} disabled={pending}>
          Dry run
        </Button>
      )}
      {allowFullRecheck && (
        <Button
          variant="secondary"
          onClick={() => start(false, false, true)}
          disabled={pending}
          title="Read every SellerCloud product again (also finds deleted ones), not only what changed"
        >
          Full re-check
        </Button>
      )}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {confirm && (
        <div
          role="alertdialog"
          aria-label="Run on a paused channel"
          className="flex basis-full flex-wrap items-center gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
        >
          <p className="basis-full text-slate-800">{confirm.message}</p>
          <Button onClick={() => start(confirm.dryRun, true, confirm.full)} disabled={pending}>
            {confirm.dryRun ? "Dry run once" : "Run once"}
          </Button>
          <Button variant="ghost" onClick={() => setConfirm(null)} disabled={pending}>
            Cancel
          </Button>
        </div>
      )}
    </div>
  );
}
