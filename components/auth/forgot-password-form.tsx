"use client";

/** The forgot-password page's form: asks for the email a reset link is sent to. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { type ForgotPasswordInput, forgotPasswordSchema } from "@/lib/accounts/recovery-schemas";
import { forgotPasswordAction } from "@/lib/server/actions/account-recovery-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";

export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<ForgotPasswordInput>({ resolver: zodResolver(forgotPasswordSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await forgotPasswordAction(values);
    if (result.ok) {
      setSent(result.data.message);
      return;
    }
    if (result.fieldErrors?.email) setError("email", { message: result.fieldErrors.email });
    setFormError(result.error);
  });

  if (sent) return <Alert tone="success">{sent}</Alert>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError && <Alert tone="error">{formError}</Alert>}
      <Field id="email" label="Email" error={errors.email?.message}>
        <TextInput id="email" type="email" autoComplete="email" invalid={!!errors.email} {...register("email")} />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Please wait…" : "Send the reset link"}
      </Button>
    </form>
  );
}
