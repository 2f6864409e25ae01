"use client";

/** The Basic details step: the new channel's name on /channels/new (CreateChannelForm) and its later edit form. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { detailsStepSchema } from "@/lib/channels/step-schemas";
import { createChannelAction } from "@/lib/server/actions/channel-actions";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof detailsStepSchema>;

function NameField({ error, register }: { error?: string; register: ReturnType<typeof useForm<Values>>["register"] }) {
  return (
    <Field
      id="name"
      label="Channel name"
      error={error}
      hint="For example “SellerCloud – main store”. Each channel in your workspace needs its own name."
    >
      <TextInput id="name" autoComplete="off" invalid={!!error} {...register("name")} />
    </Field>
  );
}

/** Step 1 (Basic details) on /channels/new: creating the draft with its name. */
export function CreateChannelForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(detailsStepSchema),
    defaultValues: { name: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createChannelAction(values);
    if (result.ok) return router.push(result.data.redirectTo);
    for (const [field, message] of Object.entries(result.fieldErrors ?? {}))
      setError(field as keyof Values, { message });
    setFormError(result.error);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <NameField error={formState.errors.name?.message} register={register} />
      <div className="flex gap-3 border-t border-slate-200 pt-4">
        <a href="/channels" className={buttonClass("secondary")}>
          Cancel
        </a>
        <Button type="submit" className="ml-auto" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save & Next"}
        </Button>
      </div>
    </form>
  );
}

export function DetailsForm({
  channelId,
  mode,
  initial,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"details">;
}) {
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(detailsStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "details", mode, setError });
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <NameField error={formState.errors.name?.message} register={register} />
      <StepFooter channelId={channelId} step="details" mode={mode} submitting={formState.isSubmitting} />
    </form>
  );
}
