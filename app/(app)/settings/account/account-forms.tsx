"use client";

// The account page's forms: name and email, password, sign out everywhere.

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { AccountProfile } from "@/lib/accounts/profile";
import { signOutEverywhereAction, updateProfileAction } from "@/lib/server/actions/account-actions";
import { changePasswordAction } from "@/lib/server/actions/auth-actions";

type Outcome = { ok: boolean; message: string } | null;

export function ProfileForm({ initial }: { initial: AccountProfile }) {
  const router = useRouter();
  const [name, setName] = useState(initial.name ?? "");
  const [email, setEmail] = useState(initial.email);
  const [saved, setSaved] = useState(initial.email);
  const [currentPassword, setCurrentPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const emailChanging = email.trim().toLowerCase() !== saved;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    const result = await updateProfileAction({
      name,
      email,
      currentPassword: emailChanging ? currentPassword : undefined,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setOutcome({ ok: false, message: result.error });
      return;
    }
    setErrors({});
    setCurrentPassword("");
    setSaved(result.data.email);
    setEmail(result.data.email);
    setOutcome({
      ok: true,
      message: result.data.emailChanged ? `Saved. Sign in with ${result.data.email} from now on.` : "Saved.",
    });
    router.refresh();
  };

  return (
    <form onSubmit={submit} noValidate className="mt-4 max-w-lg space-y-4">
      <Field id="account-name" label="Name" error={errors.name} hint="Optional.">
        <TextInput
          id="account-name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          invalid={Boolean(errors.name)}
        />
      </Field>
      <Field id="account-email" label="Email" error={errors.email} hint="You sign in with it.">
        <TextInput
          id="account-email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          invalid={Boolean(errors.email)}
        />
      </Field>
      {emailChanging && initial.hasPassword && (
        <Field
          id="account-current-password"
          label="Current password"
          error={errors.currentPassword}
          hint="Needed to change your email."
        >
          <TextInput
            id="account-current-password"
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            invalid={Boolean(errors.currentPassword)}
          />
        </Field>
      )}
      <div aria-live="polite">
        {outcome && <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message}</Alert>}
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "Saving…" : "Save name and email"}
      </Button>
    </form>
  );
}

export function PasswordForm() {
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setOutcome(null);
    const result = await changePasswordAction({ currentPassword, newPassword });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setOutcome({ ok: false, message: result.error });
      return;
    }
    setErrors({});
    setCurrentPassword("");
    setNewPassword("");
    const ended = result.data.otherSessionsEnded;
    setOutcome({
      ok: true,
      message: `Password changed. ${
        ended === 0
          ? "You were not signed in anywhere else."
          : `Signed out ${ended} other session${ended === 1 ? "" : "s"}.`
      }`,
    });
  };

  return (
    <form onSubmit={submit} noValidate className="mt-4 max-w-lg space-y-4">
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <TextInput
          id="current-password"
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(e) => setCurrentPassword(e.target.value)}
          invalid={Boolean(errors.currentPassword)}
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        error={errors.newPassword}
        hint="At least 10 characters. Your other sessions are signed out."
      >
        <TextInput
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={(e) => setNewPassword(e.target.value)}
          invalid={Boolean(errors.newPassword)}
        />
      </Field>
      <div aria-live="polite">
        {outcome && <Alert tone={outcome.ok ? "success" : "error"}>{outcome.message}</Alert>}
      </div>
      <Button type="submit" disabled={busy}>
        {busy ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}

export function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    // On success the action redirects to the sign-in page.
    const result = await signOutEverywhereAction();
    setBusy(false);
    if (result && !result.ok) setError(result.error);
  };
  return (
    <div className="mt-4 space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm font-medium text-slate-900">Sign out on every device, this one included?</p>
          <Button variant="danger" onClick={run} disabled={busy}>
            {busy ? "Signing out…" : "Yes, sign out everywhere"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      )}
    </div>
  );
}
