"use client";

/** The Listing management step's form: all listings, or those of some brands, tags or SKU prefixes. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field, TextInput } from "@/components/ui/field";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { listingsStepSchema } from "@/lib/channels/step-schemas";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof listingsStepSchema>;

const SCOPES = [
  { value: "all", label: "All listings", hint: "Every listing in your catalog." },
  { value: "brand", label: "By brand", hint: "Listings whose brand is one of these." },
  { value: "tag", label: "By tag", hint: "Listings with at least one of these tags." },
  { value: "sku_prefix", label: "By SKU prefix", hint: "Variants whose SKU starts with one of these." },
] as const;

export function ListingsForm({
  channelId,
  mode,
  initial,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"listings">;
}) {
  const { register, handleSubmit, setError, watch, formState } = useForm<Values>({
    resolver: zodResolver(listingsStepSchema),
    // The values box is one comma-separated text field; the step's schema turns it into the list.
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "listings", mode, setError });
  const scope = watch("scope");
  const valuesError = formState.errors.values?.message ?? formState.errors.values?.root?.message;
  const valuesLabel = { all: "", brand: "Brands", tag: "Tags", sku_prefix: "SKU prefixes" }[scope ?? "all"];
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Which listings does this channel cover?</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {SCOPES.map((s) => (
            <label
              key={s.value}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-3 has-[:checked]:border-brand-600"
            >
              <input type="radio" value={s.value} className="mt-1" {...register("scope")} />
              <span>
                <span className="block text-sm font-medium text-slate-900">{s.label}</span>
                <span className="block text-xs text-slate-600">{s.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {scope && scope !== "all" && (
        <Field id="values" label={valuesLabel} error={valuesError} hint="Separate several with commas.">
          <TextInput id="values" invalid={!!valuesError} {...register("values")} />
        </Field>
      )}
      <label className="flex items-start gap-3 text-sm text-slate-800">
        <input type="checkbox" className="mt-1" {...register("autoLinkNew")} />
        <span>
          Link new listings automatically
          <span className="block text-xs text-slate-600">
            New catalog listings in scope are picked up by the next Link Listings run.
          </span>
        </span>
      </label>
      <StepFooter channelId={channelId} step="listings" mode={mode} optional submitting={formState.isSubmitting} />
    </form>
  );
}
