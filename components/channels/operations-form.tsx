"use client";

/** The Confirm integrations step's form: which processes (operations) the channel runs, each described. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { OPERATION_LABELS, OPERATIONS, type Operation } from "@/lib/channels/settings";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { operationsStepSchema } from "@/lib/channels/step-schemas";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof operationsStepSchema>;

const DESCRIPTIONS: Record<Operation, string> = {
  link_listings:
    "Match your catalog listings to existing SellerCloud products by SKU, UPC and other fields. Linking never creates or changes SellerCloud products.",
  get_orders: "Import SellerCloud orders into Conduit, filtered by status, company and age.",
  sync_orders:
    "Send shipments (carrier, service, tracking numbers) back to SellerCloud. SellerCloud then marks the order Fully Shipped; it has no partial shipments.",
  sync_prices:
    "Send each linked variant's price and quantity, computed by your Pricing & quantity rules, to its SellerCloud product. Only changes are sent; risky changes wait for your review.",
  submit_to_vendors:
    "Submit orders to vendors: split each imported order's lines by vendor (your routing rules) and send each vendor its request by signed webhook, email or pull. Vendors post their shipments back with their own API keys.",
};

export function OperationsForm({
  channelId,
  mode,
  initial,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"operations">;
}) {
  const { register, handleSubmit, setError, formState } = useForm<Values>({
    resolver: zodResolver(operationsStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "operations", mode, setError });
  const error = formState.errors.operations?.message ?? formState.errors.operations?.root?.message;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <fieldset aria-describedby={error ? "operations-error" : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-800">Processes to enable (choose at least one)</legend>
        <div className="space-y-3">
          {OPERATIONS.map((op) => (
            <label
              key={op}
              className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 bg-white p-4 has-[:checked]:border-brand-600"
            >
              <input type="checkbox" value={op} className="mt-1" {...register("operations")} />
              <span>
                <span className="block font-medium text-slate-900">{OPERATION_LABELS[op]}</span>
                <span className="block text-sm text-slate-600">{DESCRIPTIONS[op]}</span>
              </span>
            </label>
          ))}
        </div>
        {error && (
          <p id="operations-error" role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </fieldset>
      <StepFooter channelId={channelId} step="operations" mode={mode} submitting={formState.isSubmitting} />
    </form>
  );
}
