"use client";

/** Moves a setup step shown from the browser's history to where it lives now, once the channel is no longer a draft. */

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { StepId } from "@/lib/channels/wizard";

/**
 * A setup step shown from the browser's history (Back after Activate) is the page as it was
 * rendered then: a Draft badge and an Activate button for a channel that is active now. Each
 * time the page is shown, this asks the server for the channel's status and, once it is no
 * longer a draft, replaces the page with where that step now lives (the channel page for Review,
 * the step's settings page otherwise), as the server would have redirected (issue 14 §11).
 */
export function SetupStaleGuard({ channelId, step }: { channelId: string; step: StepId }) {
  const router = useRouter();
  useEffect(() => {
    let live = true;
    void fetch(`/api/channels/${channelId}/status`, { cache: "no-store" })
      .then((response) => (response.ok ? (response.json() as Promise<{ status: string }>) : null))
      .then((body) => {
        if (!live || !body || body.status === "draft") return;
        router.replace(step === "review" ? `/channels/${channelId}` : `/channels/${channelId}/settings/${step}`);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [channelId, step, router]);
  return null;
}
