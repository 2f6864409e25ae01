"use client";

/** The Integration type step's form: which system the channel connects to (SellerCloud today). */

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { INTEGRATION_TYPES } from "@/lib/integrations/registry";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { integrationStepSchema } from "@/lib/channels/step-schemas";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof integrationStepSchema>;

export function IntegrationForm({
  channelId,
  mode,
  initial,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"integration">;
}) {
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(integrationStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "integration", mode, setError });
  const error = formState.errors.integrationType?.message;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <fieldset aria-describedby={error ? "integrationType-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">Integration type</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {INTEGRATION_TYPES.map((type) => (
            <label
              key={type.id}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-4 has-[:checked]:border-brand-600 has-[:checked]:ring-1 has-[:checked]:ring-brand-600"
            >
              <input type="radio" value={type.id} className="mt-1" {...register("integrationType")} />
              <span>
                <span className="block font-medium text-slate-900">{type.name}</span>
                <span className="block text-sm text-slate-600">{type.description}</span>
              </span>
            </label>
          ))}
        </div>
        {error && (
          <p id="integrationType-error" role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </fieldset>
      <p className="text-sm text-slate-600">SellerCloud is the one integration Conduit supports today.</p>
      <StepFooter channelId={channelId} step="integration" mode={mode} submitting={formState.isSubmitting} />
    </form>
  );
}
