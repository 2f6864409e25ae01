"use client";

/** Create or edit a vendor: name, code, contact email, delivery method and webhook address; a new signing secret is shown once. */

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import { createVendorAction, updateVendorAction } from "@/lib/server/actions/vendor-actions";
import { DELIVERY_METHOD_LABELS } from "@/lib/vendors/schemas";

export interface VendorFormValues {
  name: string;
  code: string;
  contactEmail: string;
  deliveryMethod: "webhook" | "email" | "pull";
  webhookUrl: string;
}

const EMPTY: VendorFormValues = { name: "", code: "", contactEmail: "", deliveryMethod: "webhook", webhookUrl: "" };

export function VendorForm({ vendorId, initial }: { vendorId?: string; initial?: VendorFormValues }) {
  const router = useRouter();
  const [values, setValues] = useState<VendorFormValues>(initial ?? EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();
  const set = (key: keyof VendorFormValues) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    setSaved(false);
    startTransition(async () => {
      const result = vendorId
        ? await updateVendorAction({ vendorId, vendor: values })
        : await createVendorAction(values);
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(
          Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^vendor\./, ""), v]),
        );
        setErrors(fieldErrors);
        setError(Object.keys(fieldErrors).length ? null : result.error);
        return;
      }
      setErrors({});
      setSecret(result.data.webhookSecret);
      setSaved(true);
      if (!vendorId) {
        setValues(EMPTY);
        if (!result.data.webhookSecret) router.push(`/vendors/${result.data.id}`);
      }
      router.refresh();
    });
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-label={vendorId ? "Edit vendor" : "Create vendor"} noValidate>
      {error && <Alert tone="error">{error}</Alert>}
      {saved && !secret && <Alert tone="success">Saved.</Alert>}
      {secret && (
        <Alert tone="success" title="Webhook signing secret: copy it now, it is not shown again.">
          <code className="block break-all rounded bg-white px-2 py-1 font-mono" data-testid="webhook-secret">
            {secret}
          </code>
          <div className="mt-2">
            <CopyButton text={secret} label="Copy secret" />
          </div>
        </Alert>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="vendor-name" label="Name" error={errors.name}>
          <TextInput id="vendor-name" value={values.name} onChange={set("name")} invalid={Boolean(errors.name)} />
        </Field>
        <Field id="vendor-code" label="Code" error={errors.code} hint="Used in the catalog CSV's vendor column">
          <TextInput id="vendor-code" value={values.code} onChange={set("code")} invalid={Boolean(errors.code)} />
        </Field>
        <Field id="vendor-email" label="Contact email" error={errors.contactEmail}>
          <TextInput
            id="vendor-email"
            type="email"
            value={values.contactEmail}
            onChange={set("contactEmail")}
            invalid={Boolean(errors.contactEmail)}
          />
        </Field>
        <Field id="vendor-method" label="Receives orders by" error={errors.deliveryMethod}>
          <SelectInput id="vendor-method" value={values.deliveryMethod} onChange={set("deliveryMethod")}>
            {Object.entries(DELIVERY_METHOD_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectInput>
        </Field>
        {values.deliveryMethod === "webhook" && (
          <div className="sm:col-span-2">
            <Field
              id="vendor-webhook"
              label="Webhook URL"
              error={errors.webhookUrl}
              hint="An https:// address; requests are signed (Standard Webhooks)"
            >
              <TextInput
                id="vendor-webhook"
                value={values.webhookUrl}
                onChange={set("webhookUrl")}
                invalid={Boolean(errors.webhookUrl)}
              />
            </Field>
          </div>
        )}
      </div>
      <Button type="submit" disabled={pending}>
        {vendorId ? "Save vendor" : "Create vendor"}
      </Button>
    </form>
  );
}
