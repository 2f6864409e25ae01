"use client";

/** The Back / Skip / Save & Next row under every wizard step form. */

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { previousStepId, type StepId } from "@/lib/channels/step-ids";
import { skipStepAction } from "@/lib/server/actions/channel-actions";
import type { FormMode } from "./use-step-submit";

/** Back / Skip / Save & Next under every step form. */
export function StepFooter({
  channelId,
  step,
  mode,
  optional = false,
  submitting,
  submitLabel,
}: {
  channelId: string;
  step: StepId;
  mode: FormMode;
  optional?: boolean;
  submitting: boolean;
  submitLabel?: string;
}) {
  const router = useRouter();
  const [skipError, setSkipError] = useState<string | null>(null);
  const [skipping, setSkipping] = useState(false);
  const previous = previousStepId(step);
  const backHref =
    mode === "settings"
      ? `/channels/${channelId}`
      : previous
        ? `/channels/${channelId}/setup/${previous}`
        : "/channels";
  const skip = async () => {
    setSkipping(true);
    setSkipError(null);
    const result = await skipStepAction({ channelId, step });
    setSkipping(false);
    if (result.ok) router.push(result.data.redirectTo);
    else setSkipError(result.error);
  };
  return (
    <div className="space-y-3 border-t border-slate-200 pt-4">
      {skipError && <Alert tone="error">{skipError}</Alert>}
      <div className="flex flex-wrap items-center gap-3">
        <Link href={backHref} className={buttonClass("secondary")}>
          {mode === "settings" ? "Cancel" : "Back"}
        </Link>
        <div className="ml-auto flex gap-3">
          {optional && mode === "setup" && (
            <Button variant="ghost" onClick={skip} disabled={skipping || submitting}>
              {skipping ? "Skipping…" : "Skip this step"}
            </Button>
          )}
          <Button type="submit" disabled={submitting}>
            {submitting ? "Saving…" : (submitLabel ?? (mode === "settings" ? "Save changes" : "Save & Next"))}
          </Button>
        </div>
      </div>
    </div>
  );
}
