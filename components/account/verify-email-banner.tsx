"use client";

/** The banner asking to verify the account's email address, with a button to send the link again. */

import { useState } from "react";
import { resendVerificationAction } from "@/lib/server/actions/account-recovery-actions";

/** Shown across the app until the account's address is verified; never blocks anything. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <aside aria-label="Email verification" className="border-b border-amber-200 bg-amber-50 text-sm text-amber-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-2">
        <span>
          Please confirm your email, <strong>{email}</strong>, with the link we mailed you, so password resets and
          alerts reach you.
        </span>
        <button
          type="button"
          disabled={busy}
          className="font-medium underline disabled:opacity-60"
          onClick={async () => {
            setBusy(true);
            const result = await resendVerificationAction({});
            setBusy(false);
            if (!result.ok) setNote(result.error);
            else if (result.data.outcome === "limited")
              setNote("We sent three links this hour already; check your inbox or try again later.");
            else if (result.data.outcome === "verified") setNote("Your email is already confirmed. Reload the page.");
            else setNote("Sent. Check your inbox.");
          }}
        >
          Send the link again
        </button>
        {note && <span role="status">{note}</span>}
      </div>
    </aside>
  );
}
