"use client";

/**
 * The Review step's "Activate channel" button and the channel page's Pause / Resume button, each
 * calling its server action.
 */

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useCan } from "@/components/shell/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { activateChannelAction, setChannelPausedAction } from "@/lib/server/actions/channel-actions";

export function ActivateButton({ channelId, disabled }: { channelId: string; disabled: boolean }) {
  const allowed = useCan("channels.manage");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const activate = async () => {
    setBusy(true);
    setError(null);
    const result = await activateChannelAction({ channelId });
    setBusy(false);
    // Replace, not push: Back must not return to a Review page offering to activate again.
    if (result.ok) router.replace(result.data.redirectTo);
    else setError(result.error);
  };
  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button onClick={activate} disabled={disabled || busy}>
        {busy ? "Activating…" : "Activate channel"}
      </Button>
    </div>
  );
}

export function PauseButton({ channelId, paused }: { channelId: string; paused: boolean }) {
  const allowed = useCan("channels.manage");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    const result = await setChannelPausedAction({ channelId, paused: !paused });
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(result.error);
  };
  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <div className="flex items-center gap-3">
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <Button variant="secondary" onClick={toggle} disabled={busy}>
        {busy ? "Please wait…" : paused ? "Resume channel" : "Pause channel"}
      </Button>
    </div>
  );
}
