"use client";

/** The new-password form behind a password reset link. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { resetPasswordSchema } from "@/lib/accounts/recovery-schemas";
import { resetPasswordAction } from "@/lib/server/actions/account-recovery-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";

type Values = z.input<typeof resetPasswordSchema>;

/** The new-password form behind a reset link; `token` comes from the link. */
export function ResetPasswordForm({ token }: { token: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(resetPasswordSchema), defaultValues: { token } });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await resetPasswordAction(values);
    if (result.ok) {
      router.replace(result.data.redirectTo);
      return;
    }
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      setError(field as keyof Values, { message });
    }
    setFormError(result.error);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <input type="hidden" {...register("token")} />
      <Field id="newPassword" label="New password" error={errors.newPassword?.message} hint="At least 10 characters.">
        <TextInput
          id="newPassword"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.newPassword}
          {...register("newPassword")}
        />
      </Field>
      <Field id="confirmPassword" label="New password again" error={errors.confirmPassword?.message}>
        <TextInput
          id="confirmPassword"
          type="password"
          autoComplete="new-password"
          invalid={!!errors.confirmPassword}
          {...register("confirmPassword")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Please wait…" : "Set the new password"}
      </Button>
    </form>
  );
}
