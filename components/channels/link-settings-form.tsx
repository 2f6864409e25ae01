"use client";

/**
 * The Link settings step's form: the SellerCloud company, the linking priority (loaded on demand)
 * and full re-check days.
 */

import { zodResolver } from "@hookform/resolvers/zod";
import dynamic from "next/dynamic";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { DEFAULT_FULL_RECHECK_DAYS, DEFAULT_LINK_PRIORITY } from "@/lib/channels/settings";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { linkingStepSchema } from "@/lib/channels/step-schemas";
import { CompanySelect } from "./company-select";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof linkingStepSchema>;

// The drag-and-drop code (@dnd-kit) loads only with the Link Settings step's list, after the page.
const PriorityList = dynamic(() => import("./priority-list").then((m) => m.PriorityList), {
  ssr: false,
  loading: () => (
    <p className="text-sm text-slate-600" role="status">
      Loading the linking priority…
    </p>
  ),
});

const toCompanyId = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));
const toOptionalNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

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
      <div>
        <label htmlFor="full-recheck-days" className="block text-sm font-medium text-slate-800">
          Full re-check every (days)
        </label>
        <p id="full-recheck-days-help" className="mb-2 text-sm text-slate-600">
          Link Listings reads only the SellerCloud products changed since its last run. Products deleted in SellerCloud
          never show up as changed, so every so many days a run reads them all and unlinks the ones that are gone. Leave
          empty for weekly (7); 1 to 90.
        </p>
        <input
          id="full-recheck-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          step={1}
          placeholder={String(DEFAULT_FULL_RECHECK_DAYS)}
          aria-describedby={`full-recheck-days-help${e.fullRecheckDays ? " full-recheck-days-error" : ""}`}
          aria-invalid={e.fullRecheckDays ? true : undefined}
          className="w-32 rounded-md border border-slate-300 px-3 py-2 text-sm"
          {...register("fullRecheckDays", { setValueAs: toOptionalNumber })}
        />
        {e.fullRecheckDays && (
          <p id="full-recheck-days-error" role="alert" className="mt-1 text-sm text-red-700">
            {e.fullRecheckDays.message?.includes("expected number")
              ? "Enter a number of days from 1 to 90"
              : e.fullRecheckDays.message}
          </p>
        )}
      </div>
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
