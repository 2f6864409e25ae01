"use client";

/**
 * Sync Prices & Quantities' channel settings: the SellerCloud warehouse quantities are set in
 * (listed from SellerCloud), what is sent, the safety rails and the bulk threshold. Admins only
 * (the server refuses others too).
 */

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import type { PriceSyncSettings } from "@/lib/channels/price-sync-settings";
import { listWarehousesAction, savePriceSyncSettingsAction } from "@/lib/server/actions/price-actions";

type Warehouse = { id: number; name: string; isSellable: boolean };

const numberOrNull = (v: string) => (v.trim() === "" ? null : Number(v));

export function PriceSyncSettingsForm({ channelId, initial }: { channelId: string; initial: PriceSyncSettings }) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [warehouses, setWarehouses] = useState<Warehouse[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let live = true;
    void listWarehousesAction({ channelId }).then((result) => {
      if (!live) return;
      if (result.ok) setWarehouses(result.data);
      else setLoadError(result.error);
    });
    return () => {
      live = false;
    };
  }, [channelId]);

  const set = <K extends keyof PriceSyncSettings>(key: K, value: PriceSyncSettings[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const save = () =>
    startTransition(async () => {
      setMessage(null);
      setErrors({});
      const result = await savePriceSyncSettingsAction({ channelId, settings: values });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error });
        return;
      }
      setValues(result.data);
      setMessage({ tone: "success", text: "Saved the Sync Prices & Quantities settings." });
      router.refresh();
    });

  const check = (
    key: "sendPrices" | "sendQuantities" | "refuseBelowCost" | "refuseBelowMap" | "reviewFirstPush",
    label: string,
  ) => (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input type="checkbox" checked={values[key]} onChange={(e) => set(key, e.target.checked)} />
      {label}
    </label>
  );

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      aria-labelledby="price-settings-heading"
    >
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="price-warehouse"
          label="SellerCloud warehouse for quantities"
          error={errors.warehouseId ?? loadError ?? undefined}
          hint="SellerCloud keeps a physical quantity per warehouse; Conduit sets it in this one."
        >
          <SelectInput
            id="price-warehouse"
            value={values.warehouseId ?? ""}
            onChange={(e) => set("warehouseId", e.target.value === "" ? null : Number(e.target.value))}
          >
            <option value="">No warehouse (quantities are not sent)</option>
            {values.warehouseId !== null && !warehouses?.some((w) => w.id === values.warehouseId) && (
              <option value={values.warehouseId}>
                {values.warehouseName ?? `Warehouse ${values.warehouseId}`} (saved)
              </option>
            )}
            {(warehouses ?? []).map((w) => (
              <option key={w.id} value={w.id}>
                {w.name} (#{w.id}){w.isSellable ? "" : " — not sellable"}
              </option>
            ))}
          </SelectInput>
        </Field>
        <Field
          id="price-bulk"
          label="Use SellerCloud's bulk import above this many quantity changes"
          error={errors.bulkThreshold}
          hint="More changes than this in one run go as one queued import job (partial update) instead of one call each."
        >
          <TextInput
            id="price-bulk"
            type="number"
            min="1"
            value={values.bulkThreshold}
            invalid={!!errors.bulkThreshold}
            onChange={(e) => set("bulkThreshold", Number(e.target.value))}
          />
        </Field>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">What is sent</legend>
        {check("sendPrices", "Prices (SellerCloud's site price)")}
        {check("sendQuantities", "Quantities (physical quantity in the warehouse above)")}
      </fieldset>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Safety rails</legend>
        {check("refuseBelowCost", "Never send a price below the variant's cost")}
        {check("refuseBelowMap", "Never send a price below the variant's MAP")}
        {check("reviewFirstPush", "Review each variant's first push before it is sent")}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id="price-hold-change"
            label="Hold a price change larger than (%)"
            error={errors.holdPriceChangePercent}
            hint="Compared with the last price SellerCloud confirmed. Leave empty to never hold."
          >
            <TextInput
              id="price-hold-change"
              type="number"
              min="0"
              value={values.holdPriceChangePercent ?? ""}
              invalid={!!errors.holdPriceChangePercent}
              onChange={(e) => set("holdPriceChangePercent", numberOrNull(e.target.value))}
            />
          </Field>
          <Field
            id="price-hold-zero"
            label="Hold the whole run if it would set more than this share of quantities to 0 (%)"
            error={errors.holdZeroingPercent}
            hint="Leave empty to never hold."
          >
            <TextInput
              id="price-hold-zero"
              type="number"
              min="0"
              max="100"
              value={values.holdZeroingPercent ?? ""}
              invalid={!!errors.holdZeroingPercent}
              onChange={(e) => set("holdZeroingPercent", numberOrNull(e.target.value))}
            />
          </Field>
        </div>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
