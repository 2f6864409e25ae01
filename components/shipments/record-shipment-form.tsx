"use client";

/** The order page's form to record a shipment: carrier, method, date, tracking numbers and items. */

import { useCan } from "@/components/shell/role-context";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { recordShipmentAction } from "@/lib/server/actions/shipment-actions";
import { MAX_TRACKING_NUMBERS } from "@/lib/shipments/schemas";

export interface ShippableItem {
  id: string;
  sku: string | null;
  name: string | null;
  ordered: number;
  /** Units not yet covered by another shipment. */
  left: number;
}

const today = () => new Date().toISOString().slice(0, 10);

export function RecordShipmentForm({ orderId, items }: { orderId: string; items: ShippableItem[] }) {
  const allowed = useCan("shipments.record");
  const router = useRouter();
  const formId = useId();
  const [carrier, setCarrier] = useState("");
  const [service, setService] = useState("");
  const [tracking, setTracking] = useState<string[]>([""]);
  const [shipDate, setShipDate] = useState(today());
  const [wholeOrder, setWholeOrder] = useState(true);
  const [quantities, setQuantities] = useState<Record<string, number>>(() =>
    Object.fromEntries(items.map((i) => [i.id, i.left])),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: "error" | "success" | "warning"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMessage(null);
    const chosen = wholeOrder
      ? []
      : items
          .filter((i) => (quantities[i.id] ?? 0) > 0)
          .map((i) => ({ orderItemId: i.id, quantity: quantities[i.id] ?? 0 }));
    if (!wholeOrder && chosen.length === 0) {
      setErrors({ items: "Choose at least one item, or ship the whole order" });
      return;
    }
    startTransition(async () => {
      const result = await recordShipmentAction({
        orderId,
        carrier,
        service,
        trackingNumbers: tracking.map((t) => t.trim()).filter(Boolean),
        shipDate,
        items: chosen,
      });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setMessage({ tone: "error", text: result.error });
        return;
      }
      setErrors({});
      setTracking([""]);
      setMessage(
        result.data.warning
          ? { tone: "warning", text: `Shipment recorded. ${result.data.warning}` }
          : { tone: "success", text: "Shipment recorded. Sync Orders sends it to SellerCloud on its next run." },
      );
      router.refresh();
    });
  };

  // The role cannot use it (the server refuses it too): not offered.
  if (!allowed) return null;
  return (
    <form onSubmit={submit} className="space-y-4" aria-label="Record shipment" noValidate>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id={`${formId}-carrier`} label="Carrier" error={errors.carrier}>
          <TextInput
            id={`${formId}-carrier`}
            name="carrier"
            value={carrier}
            onChange={(e) => setCarrier(e.target.value)}
            placeholder="UPS"
            invalid={Boolean(errors.carrier)}
            required
          />
        </Field>
        <Field
          id={`${formId}-service`}
          label="Service"
          error={errors.service}
          hint="As named in the channel's shipping mappings"
        >
          <TextInput
            id={`${formId}-service`}
            name="service"
            value={service}
            onChange={(e) => setService(e.target.value)}
            placeholder="Ground"
            invalid={Boolean(errors.service)}
          />
        </Field>
        <Field id={`${formId}-date`} label="Ship date" error={errors.shipDate}>
          <TextInput
            id={`${formId}-date`}
            name="shipDate"
            type="date"
            value={shipDate}
            max={today()}
            onChange={(e) => setShipDate(e.target.value)}
            invalid={Boolean(errors.shipDate)}
          />
        </Field>
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Tracking numbers</legend>
        {tracking.map((value, i) => {
          const id = `${formId}-tracking-${i}`;
          const error = errors[`trackingNumbers.${i}`] ?? (i === 0 ? errors.trackingNumbers : undefined);
          return (
            <div key={i} className="flex items-start gap-2">
              <div className="flex-1">
                <label htmlFor={id} className="sr-only">
                  Tracking number {i + 1}
                </label>
                <TextInput
                  id={id}
                  value={value}
                  onChange={(e) => setTracking((list) => list.map((t, k) => (k === i ? e.target.value : t)))}
                  placeholder="1Z999AA10123456784"
                  invalid={Boolean(error)}
                />
                {error && (
                  <p id={`${id}-error`} role="alert" className="mt-1 text-sm text-red-700">
                    {error}
                  </p>
                )}
              </div>
              {tracking.length > 1 && (
                <Button
                  variant="ghost"
                  onClick={() => setTracking((list) => list.filter((_, k) => k !== i))}
                  aria-label={`Remove tracking number ${i + 1}`}
                >
                  Remove
                </Button>
              )}
            </div>
          );
        })}
        {tracking.length < MAX_TRACKING_NUMBERS && (
          <Button variant="secondary" onClick={() => setTracking((list) => [...list, ""])}>
            Add tracking number
          </Button>
        )}
        <p className="text-xs text-slate-600">Each tracking number becomes its own package in SellerCloud.</p>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Items</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={wholeOrder} onChange={(e) => setWholeOrder(e.target.checked)} />
          This shipment covers the whole order
        </label>
        {!wholeOrder && (
          <table className="w-full text-sm">
            <thead className="text-left text-slate-600">
              <tr>
                <th className="py-1 font-medium">Item</th>
                <th className="py-1 font-medium">Ordered</th>
                <th className="py-1 font-medium">Left</th>
                <th className="py-1 font-medium">In this shipment</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item, i) => {
                const id = `${formId}-qty-${item.id}`;
                const error = errors[`items.${i}.quantity`];
                return (
                  <tr key={item.id} className="border-t border-slate-100">
                    <td className="py-1">
                      <label htmlFor={id}>
                        {item.sku ?? "—"} <span className="text-slate-600">{item.name}</span>
                      </label>
                    </td>
                    <td className="py-1">{item.ordered}</td>
                    <td className="py-1">{item.left}</td>
                    <td className="py-1">
                      <TextInput
                        id={id}
                        type="number"
                        min={0}
                        max={item.left}
                        className="w-24"
                        value={quantities[item.id] ?? 0}
                        onChange={(e) =>
                          setQuantities((q) => ({ ...q, [item.id]: Math.max(0, Number(e.target.value) || 0) }))
                        }
                        invalid={Boolean(error)}
                      />
                      {error && (
                        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
                          {error}
                        </p>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {errors.items && (
          <p role="alert" className="text-sm text-red-700">
            {errors.items}
          </p>
        )}
      </fieldset>

      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      <Button type="submit" disabled={pending}>
        {pending ? "Recording…" : "Record shipment"}
      </Button>
    </form>
  );
}
