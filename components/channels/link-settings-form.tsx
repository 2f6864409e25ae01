"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { DEFAULT_LINK_PRIORITY } from "@/lib/channels/settings";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { linkingStepSchema } from "@/lib/channels/wizard";
import { CompanySelect } from "./company-select";
import { PriorityList } from "./priority-list";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof linkingStepSchema>;

const toCompanyId = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

export function LinkSettingsForm({
  channelId,
  mode,
  initial,
  optional = false,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"linking">;
  optional?: boolean;
}) {
  const { register, control, handleSubmit, setError, watch, setValue, formState } = useForm<Values>({
    resolver: zodResolver(linkingStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "linking", mode, setError });
  const linkMode = watch("mode");
  const e = formState.errors;
  const companyError = e.companyId?.message?.includes("expected number")
    ? "Choose the SellerCloud company"
    : e.companyId?.message;
  const priorityError = e.priority?.message ?? e.priority?.root?.message;
  return (
    <form
      onSubmit={handleSubmit((values) =>
        submit(values.mode === "default" ? { ...values, priority: DEFAULT_LINK_PRIORITY } : values),
      )}
      noValidate
      className="space-y-6"
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <CompanySelect
        channelId={channelId}
        error={companyError}
        currentId={initial.companyId}
        {...register("companyId", { setValueAs: toCompanyId })}
      />
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Linking priority</legend>
        <div className="mb-3 flex flex-wrap gap-4 text-sm text-slate-800">
          <label className="flex items-center gap-2">
            <input
              type="radio"
              value="default"
              {...register("mode", {
                onChange: () => setValue("priority", DEFAULT_LINK_PRIORITY),
              })}
            />
            Default (SKU ↔ ID, UPC ↔ UPC, EAN ↔ EAN, MPN ↔ ManufacturerSKU)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" value="custom" {...register("mode")} />
            Customize
          </label>
        </div>
        <p className="mb-3 text-sm text-slate-600">
          Conduit tries these pairs from top to bottom and links a listing to the SellerCloud product whose field
          matches. Linking never creates or changes SellerCloud products.
        </p>
        <Controller
          control={control}
          name="priority"
          render={({ field }) => (
            <PriorityList
              value={field.value ?? []}
              onChange={field.onChange}
              editable={linkMode === "custom"}
              error={priorityError}
            />
          )}
        />
      </fieldset>
      <StepFooter
        channelId={channelId}
        step="linking"
        mode={mode}
        optional={optional}
        submitting={formState.isSubmitting}
      />
    </form>
  );
}
