"use client";

/** The invite page's forms: Accept for a signed-in user, or sign up with the invited email. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { acceptInviteAction } from "@/lib/server/actions/member-actions";
import { signUpWithInviteAction } from "@/lib/server/actions/invite-signup-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";

/** The invite page's Accept button for a signed-in user with the invited email. */
export function AcceptInvite({ token, workspaceName }: { token: string; workspaceName: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const accept = () =>
    startTransition(async () => {
      setError(null);
      const result = await acceptInviteAction({ token });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      router.replace(result.data.redirectTo);
      router.refresh();
    });
  return (
    <div className="space-y-3">
      {error && <Alert tone="error">{error}</Alert>}
      <Button className="w-full" onClick={accept} disabled={pending}>
        {pending ? "Joining…" : `Accept and join ${workspaceName}`}
      </Button>
    </div>
  );
}

/** Sign-up through an invite: the email is the invited one and cannot be changed. */
export function InviteSignUpForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      setFormError(null);
      const result = await signUpWithInviteAction({ token, name, password });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setFormError(result.error);
        return;
      }
      router.replace(result.data.redirectTo);
      router.refresh();
    });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label="Create your account">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="invite-signup-email" label="Email">
        <TextInput id="invite-signup-email" type="email" value={email} readOnly aria-readonly="true" />
      </Field>
      <Field id="name" label="Your name (optional)" error={errors.name}>
        <TextInput
          id="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          invalid={Boolean(errors.name)}
        />
      </Field>
      <Field id="password" label="Password" error={errors.password} hint="At least 10 characters.">
        <TextInput
          id="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          invalid={Boolean(errors.password)}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Please wait…" : "Create account and join"}
      </Button>
    </form>
  );
}
