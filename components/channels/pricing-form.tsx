"use client";

/** The Pricing & quantity rules step's form, with a live preview of the rules on a few listings. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { applyPriceRules, applyQuantityRules, type PricedItem } from "@/lib/channels/pricing";
import { pricingRulesSchema } from "@/lib/channels/settings";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { pricingStepSchema } from "@/lib/channels/step-schemas";
import { StepFooter } from "./step-footer";
import { type FormMode, plainMessage, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof pricingStepSchema>;

const toNumber = (v: unknown) => (v === "" || v === null || v === undefined ? Number.NaN : Number(v));
const toNullable = (v: unknown) => (v === "" || v === null || v === undefined ? null : Number(v));
const money = (v: number | null) => (v === null ? "—" : `$${v.toFixed(2)}`);

export function PricingForm({
  channelId,
  mode,
  initial,
  items,
  isSample,
  pushEnabled = false,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"pricing">;
  items: PricedItem[];
  isSample: boolean;
  /** Sync Prices & Quantities is on: the rules are sent, not only previewed. */
  pushEnabled?: boolean;
}) {
  const { register, handleSubmit, setError, watch, formState } = useForm<Values>({
    resolver: zodResolver(pricingStepSchema),
    defaultValues: initial,
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "pricing", mode, setError });
  const e = formState.errors;
  const live = pricingRulesSchema.safeParse(watch());
  const rules = live.success ? live.data : null;
  const base = watch("price.base");
  const amountLabel =
    base === "cost_markup_flat" ? "Markup amount ($)" : base === "price" ? "Amount (not used)" : "Percent (%)";

  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-6">
      {formError && <Alert tone="error">{formError}</Alert>}
      {pushEnabled ? (
        <Alert tone="info" title="Sent to SellerCloud">
          Sync Prices & Quantities sends the prices and quantities these rules give to the linked SellerCloud products.
          Only changes are sent, and risky ones wait for your review on the channel's Prices & quantities page.
        </Alert>
      ) : (
        <Alert tone="warning" title="Not sent to SellerCloud yet">
          These rules are saved with the channel and shown in the preview. Turn on Sync Prices & Quantities in Confirm
          integrations to send the prices and quantities to SellerCloud.
        </Alert>
      )}
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Price</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="price-base" label="Price based on" error={e.price?.base?.message}>
            <SelectInput id="price-base" {...register("price.base")}>
              <option value="price">The listing’s own price</option>
              <option value="cost_markup_percent">Cost plus a percent</option>
              <option value="cost_markup_flat">Cost plus a flat amount</option>
              <option value="msrp_discount_percent">MSRP minus a percent</option>
            </SelectInput>
          </Field>
          <Field id="price-amount" label={amountLabel} error={plainMessage(e.price?.amount?.message)}>
            <TextInput
              id="price-amount"
              type="number"
              step="0.01"
              min="0"
              disabled={base === "price"}
              invalid={!!e.price?.amount}
              {...register("price.amount", { setValueAs: toNumber })}
            />
          </Field>
          <Field id="price-min" label="Minimum price ($, optional)" error={plainMessage(e.price?.min?.message)}>
            <TextInput
              id="price-min"
              type="number"
              step="0.01"
              min="0"
              invalid={!!e.price?.min}
              {...register("price.min", { setValueAs: toNullable })}
            />
          </Field>
          <Field id="price-max" label="Maximum price ($, optional)" error={plainMessage(e.price?.max?.message)}>
            <TextInput
              id="price-max"
              type="number"
              step="0.01"
              min="0"
              invalid={!!e.price?.max}
              {...register("price.max", { setValueAs: toNullable })}
            />
          </Field>
        </div>
        <div className="grid gap-2 sm:grid-cols-2">
          {(
            [
              ["price.neverBelowCost", "Never below cost"],
              ["price.neverBelowMap", "Never below MAP"],
              ["price.neverAboveMsrp", "Never above MSRP"],
              ["price.roundTo99", "Round to .99"],
            ] as const
          ).map(([name, label]) => (
            <label key={name} className="flex items-center gap-2 text-sm text-slate-800">
              <input type="checkbox" {...register(name)} /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Quantity</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field
            id="qty-percent"
            label="Percent of stock (%)"
            error={plainMessage(e.quantity?.percentOfStock?.message)}
          >
            <TextInput
              id="qty-percent"
              type="number"
              min="0"
              max="100"
              invalid={!!e.quantity?.percentOfStock}
              {...register("quantity.percentOfStock", { setValueAs: toNumber })}
            />
          </Field>
          <Field id="qty-buffer" label="Keep a buffer of" error={plainMessage(e.quantity?.buffer?.message)}>
            <TextInput
              id="qty-buffer"
              type="number"
              min="0"
              step="1"
              invalid={!!e.quantity?.buffer}
              {...register("quantity.buffer", { setValueAs: toNumber })}
            />
          </Field>
          <Field id="qty-max" label="Cap at (optional)" error={plainMessage(e.quantity?.max?.message)}>
            <TextInput
              id="qty-max"
              type="number"
              min="0"
              step="1"
              invalid={!!e.quantity?.max}
              {...register("quantity.max", { setValueAs: toNullable })}
            />
          </Field>
        </div>
      </fieldset>
      <section aria-labelledby="preview-heading" className="space-y-2">
        <h2 id="preview-heading" className="text-base font-semibold text-slate-900">
          Preview
        </h2>
        <p className="text-sm text-slate-600">
          {isSample
            ? "Your catalog is empty, so this preview uses sample values. Import your catalog to preview your own listings."
            : "A few of your own listings, with the rules above applied."}
        </p>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">No listings match this channel’s listing scope.</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Price and quantity preview</caption>
              <thead className="bg-slate-50 text-left text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    SKU
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Cost
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Price
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    MSRP
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    MAP
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    New price
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Stock → quantity
                  </th>
                </tr>
              </thead>
              <tbody aria-live="polite">
                {items.map((item) => {
                  const price = rules ? applyPriceRules(rules.price, item) : null;
                  const qty = rules ? applyQuantityRules(rules.quantity, item.quantity) : null;
                  return (
                    <tr key={item.sku} className="border-t border-slate-100">
                      <th scope="row" className="px-3 py-2 text-left font-medium text-slate-900">
                        {item.sku}
                        {item.title && <span className="block text-xs font-normal text-slate-600">{item.title}</span>}
                      </th>
                      <td className="px-3 py-2">{money(item.cost)}</td>
                      <td className="px-3 py-2">{money(item.price)}</td>
                      <td className="px-3 py-2">{money(item.msrp)}</td>
                      <td className="px-3 py-2">{money(item.map)}</td>
                      <td className="px-3 py-2 font-medium">
                        {price ? money(price.price) : "—"}
                        {price && price.notes.length > 0 && (
                          <span className="block text-xs font-normal text-slate-600">{price.notes.join("; ")}</span>
                        )}
                      </td>
                      <td className="px-3 py-2">
                        {item.quantity ?? "—"} → {qty ?? "—"}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        {!rules && <p className="text-sm text-amber-900">Fix the highlighted values to update the preview.</p>}
      </section>
      <StepFooter channelId={channelId} step="pricing" mode={mode} optional submitting={formState.isSubmitting} />
    </form>
  );
}
