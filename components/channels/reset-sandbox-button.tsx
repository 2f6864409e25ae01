"use client";

/** "Reset sandbox data": puts the workspace's built-in SellerCloud sandbox back to fresh data, after a confirmation. */

import { useState } from "react";
import { useCan } from "@/components/shell/role-context";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { resetSandboxAction } from "@/lib/server/actions/sandbox-actions";

/**
 * "Reset sandbox data": puts this workspace's built-in sandbox back to fresh orders dated from
 * now, after a confirmation. Only shown when the channel is connected to the workspace's sandbox.
 */
export function ResetSandboxButton() {
  const allowed = useCan("connections.credentials");
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const reset = async () => {
    setBusy(true);
    setOutcome(null);
    const result = await resetSandboxAction();
    setBusy(false);
    setConfirming(false);
    setOutcome(
      result.ok
        ? {
            ok: true,
            message:
              "The sandbox has fresh data: new orders from the last ten days, none shipped. Orders already imported into Conduit stay as they are.",
          }
        : { ok: false, message: result.error },
    );
  };
  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <section aria-labelledby="sandbox-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="sandbox-heading" className="text-base font-semibold text-slate-900">
        Built-in sandbox
      </h2>
      <p className="text-sm text-slate-700">
        This channel is connected to this workspace’s own copy of the SellerCloud sandbox. New orders keep arriving
        there (about 50 a day). Resetting it undoes every shipment sent to it and starts again with orders from the last
        ten days.
      </p>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm font-medium text-slate-900">Reset the sandbox’s data?</p>
          <Button variant="danger" onClick={reset} disabled={busy}>
            {busy ? "Resetting…" : "Yes, reset sandbox data"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Reset sandbox data
        </Button>
      )}
      <div aria-live="polite">
        {outcome && <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message}</Alert>}
      </div>
    </section>
  );
}
