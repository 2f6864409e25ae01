"use client";

/**
 * The Order settings step's form: which SellerCloud orders Get Orders imports, the tenant's time
 * zone and data retention.
 */

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { RetentionPreview } from "@/components/orders/retention-preview";
import { Alert } from "@/components/ui/alert";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { ordersStepSchema } from "@/lib/channels/step-schemas";
import { DROPSHIP_STATUS_LABELS, ORDER_STATUS_LABELS, OrderStatus } from "@/lib/sellercloud/enums";
import { CompanySelect } from "./company-select";
import { StepFooter } from "./step-footer";
import { type FormMode, plainMessage, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof ordersStepSchema>;

const toNumber = (v: unknown) => (v === "" || v === null || v === undefined ? Number.NaN : Number(v));
const toOptional = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));
const toNullable = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
const toTimeZone = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
// Suggestions for the time zone box; any IANA name is accepted.
const TIME_ZONE_OPTIONS = [
  "UTC",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "Europe/London",
  "Asia/Jerusalem",
];

export function OrdersForm({
  channelId,
  mode,
  initial,
  syncOrdersEnabled,
  optional = false,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"orders">;
  syncOrdersEnabled: boolean;
  optional?: boolean;
}) {
  const { register, handleSubmit, setError, watch, formState } = useForm<Values>({
    resolver: zodResolver(ordersStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "orders", mode, setError });
  const e = formState.errors;
  const companyError = e.companyId?.message?.includes("expected number")
    ? "Choose the SellerCloud company"
    : e.companyId?.message;
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Get Orders</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="orderStatus"
            label="Order status"
            error={plainMessage(e.orderStatus?.message)}
            hint="Only orders in this SellerCloud status are imported."
          >
            <SelectInput id="orderStatus" {...register("orderStatus", { setValueAs: toNumber })}>
              {Object.values(OrderStatus).map((value) => (
                <option key={value} value={value}>
                  {ORDER_STATUS_LABELS[value]}
                </option>
              ))}
            </SelectInput>
          </Field>
          <Field id="dropshipStatus" label="Dropship status (optional)" error={plainMessage(e.dropshipStatus?.message)}>
            <SelectInput id="dropshipStatus" {...register("dropshipStatus", { setValueAs: toNullable })}>
              <option value="">Any dropship status</option>
              {Object.entries(DROPSHIP_STATUS_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </SelectInput>
          </Field>
          <CompanySelect
            channelId={channelId}
            error={companyError}
            currentId={initial.companyId}
            {...register("companyId", { setValueAs: toOptional })}
          />
          <Field
            id="ageDays"
            label="Age of orders (days)"
            error={plainMessage(e.ageDays?.message)}
            hint="Orders created in this many past days are imported."
          >
            <TextInput
              id="ageDays"
              type="number"
              min="1"
              max="365"
              step="1"
              invalid={!!e.ageDays}
              {...register("ageDays", { setValueAs: toNumber })}
            />
          </Field>
          <Field
            id="timeZone"
            label="SellerCloud time zone"
            error={plainMessage(e.timeZone?.message)}
            hint="The zone SellerCloud's server keeps its clock in (often America/New_York). Order date filters and ship dates are sent in it. Empty means UTC."
          >
            <TextInput
              id="timeZone"
              list="timeZone-options"
              autoComplete="off"
              placeholder="UTC"
              invalid={!!e.timeZone}
              {...register("timeZone", { setValueAs: toTimeZone })}
            />
            <datalist id="timeZone-options">
              {TIME_ZONE_OPTIONS.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </Field>
        </div>
      </fieldset>
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-slate-800">Personal data retention</legend>
        <p className="mb-2 text-sm text-slate-600">
          What happens to customer names, addresses and emails after an order ships.
        </p>
        <div className="flex flex-wrap gap-4 text-sm text-slate-800">
          {(
            [
              ["keep", "Keep"],
              ["30", "Clear 30 days after shipment"],
              ["60", "Clear 60 days after shipment"],
              ["90", "Clear 90 days after shipment"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" value={value} {...register("retention")} /> {label}
            </label>
          ))}
        </div>
        <div className="mt-2">
          <RetentionPreview channelId={channelId} retention={watch("retention")} />
        </div>
      </fieldset>
      {syncOrdersEnabled && (
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-800">Sync Orders: partly fulfilled orders</legend>
          <p className="mb-2 text-sm text-slate-600">
            SellerCloud has no partial shipments: once a shipment is sent it marks the whole order Fully Shipped.
          </p>
          <div className="flex flex-wrap gap-4 text-sm text-slate-800">
            <label className="flex items-center gap-2">
              <input type="radio" value="wait" {...register("partialShipments")} /> Wait until every item has shipped
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" value="send_now" {...register("partialShipments")} /> Send each shipment at once
            </label>
          </div>
        </fieldset>
      )}
      <StepFooter
        channelId={channelId}
        step="orders"
        mode={mode}
        optional={optional}
        submitting={formState.isSubmitting}
      />
    </form>
  );
}
