"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Operation } from "@/lib/channels/settings";
import { runNowAction } from "@/lib/server/actions/run-actions";
import { Button } from "../ui/button";

/** "Run now" (and optionally a dry run) for one operation of a channel; opens the live run. */
export function RunNowButton({
  channelId,
  operation,
  label = "Run now",
  allowDryRun = false,
}: {
  channelId: string;
  operation: Operation;
  label?: string;
  allowDryRun?: boolean;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const start = (dryRun: boolean) =>
    startTransition(async () => {
      setError(null);
      const result = await runNowAction({ channelId, operation, dryRun });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.push(`/runs/${result.data.runId}${result.data.alreadyRunning ? "?already=1" : ""}`);
    });

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
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
