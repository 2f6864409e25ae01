"use client";

/** The email and password form of the sign-in and sign-up pages. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { signInSchema, signUpSchema } from "@/lib/accounts/schemas";
import { signInAction, signUpAction } from "@/lib/server/actions/auth-actions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";

type Mode = "sign-in" | "sign-up";
type Values = z.input<typeof signUpSchema>;

/** `callbackUrl`: where sign-in goes afterwards (checked on the server: a path on this site, else /channels). */
export function CredentialsForm({ mode, callbackUrl }: { mode: Mode; callbackUrl?: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const schema = mode === "sign-up" ? signUpSchema : signInSchema;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ resolver: zodResolver(schema as typeof signUpSchema) });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = mode === "sign-up" ? await signUpAction(values) : await signInAction(values, callbackUrl);
    if (result.ok) {
      router.replace(result.data.redirectTo);
      router.refresh();
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
      {mode === "sign-up" && (
        <Field id="name" label="Your name (optional)" error={errors.name?.message}>
          <TextInput id="name" autoComplete="name" invalid={!!errors.name} {...register("name")} />
        </Field>
      )}
      <Field id="email" label="Email" error={errors.email?.message}>
        <TextInput id="email" type="email" autoComplete="email" invalid={!!errors.email} {...register("email")} />
      </Field>
      <Field
        id="password"
        label="Password"
        error={errors.password?.message}
        hint={mode === "sign-up" ? "At least 10 characters." : undefined}
      >
        <TextInput
          id="password"
          type="password"
          autoComplete={mode === "sign-up" ? "new-password" : "current-password"}
          invalid={!!errors.password}
          {...register("password")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Please wait…" : mode === "sign-up" ? "Create account" : "Sign in"}
      </Button>
    </form>
  );
}
