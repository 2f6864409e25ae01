"use client";

/** The verify-email page's button: confirms the address from the link with a POST. */

import Link from "next/link";
import { useState } from "react";
import { verifyEmailAction } from "@/lib/server/actions/account-recovery-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/**
 * One button: verifying is a POST, so a mail scanner that opens the link changes nothing.
 * `token` comes from the link.
 */
export function VerifyEmailForm({ token }: { token: string }) {
  const [state, setState] = useState<{ done?: string; error?: string; busy?: boolean }>({});
  if (state.done) {
    return (
      <Alert tone="success" title="Email verified">
        {state.done} is confirmed.{" "}
        <Link href="/channels" className="font-medium underline">
          Continue to Conduit
        </Link>
      </Alert>
    );
  }
  return (
    <div className="space-y-4">
      {state.error && <Alert tone="error">{state.error}</Alert>}
      <Button
        type="button"
        className="w-full"
        disabled={state.busy}
        onClick={async () => {
          setState({ busy: true });
          const result = await verifyEmailAction({ token });
          setState(result.ok ? { done: result.data.email } : { error: result.error });
        }}
      >
        {state.busy ? "Please wait…" : "Confirm my email"}
      </Button>
    </div>
  );
}
