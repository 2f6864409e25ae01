"use client";

/** The Shipping mappings step's form: your carrier and method names against SellerCloud's carriers and services. */

import { zodResolver } from "@hookform/resolvers/zod";
import { useQuery } from "@tanstack/react-query";
import { type UseFormRegister, useFieldArray, useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, SelectInput, TextInput } from "@/components/ui/field";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { shippingStepSchema } from "@/lib/channels/step-schemas";
import { listCarriersAction, listServicesAction } from "@/lib/server/actions/channel-actions";
import { StepFooter } from "./step-footer";
import { type FormMode, useStepSubmit } from "./use-step-submit";

type Values = z.input<typeof shippingStepSchema>;

function useCarriers(channelId: string) {
  return useQuery({
    queryKey: ["sellercloud", channelId, "carriers"],
    queryFn: async () => {
      const result = await listCarriersAction({ channelId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    retry: false,
  });
}

function useServices(channelId: string, carrier: string) {
  return useQuery({
    queryKey: ["sellercloud", channelId, "services", carrier],
    enabled: Boolean(carrier),
    queryFn: async () => {
      const result = await listServicesAction({ channelId, carrier });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    retry: false,
  });
}

function MappingRow({
  channelId,
  index,
  carrier,
  currentService,
  carriers,
  register,
  errors,
  onRemove,
  onCarrierChange,
}: {
  channelId: string;
  index: number;
  carrier: string;
  currentService: string;
  carriers: { key: string; name: string }[];
  register: UseFormRegister<Values>;
  errors:
    | Partial<
        Record<"conduitCarrier" | "conduitService" | "sellercloudCarrier" | "sellercloudService", { message?: string }>
      >
    | undefined;
  onRemove: () => void;
  onCarrierChange: () => void;
}) {
  const services = useServices(channelId, carrier);
  const id = (name: string) => `mappings-${index}-${name}`;
  const serviceHint = !carrier ? "Choose a carrier first." : services.isPending ? "Loading services…" : undefined;
  return (
    <fieldset
      className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2"
      data-testid="shipping-mapping"
    >
      <legend className="px-1 text-sm font-medium text-slate-800">Mapping {index + 1}</legend>
      <Field
        id={id("conduitCarrier")}
        label="Conduit carrier"
        error={errors?.conduitCarrier?.message}
        hint="As your orders name it, e.g. “ups”."
      >
        <TextInput
          id={id("conduitCarrier")}
          invalid={!!errors?.conduitCarrier}
          {...register(`mappings.${index}.conduitCarrier`)}
        />
      </Field>
      <Field
        id={id("conduitService")}
        label="Conduit method (optional)"
        error={errors?.conduitService?.message}
        hint="Blank matches any method of this carrier."
      >
        <TextInput
          id={id("conduitService")}
          invalid={!!errors?.conduitService}
          {...register(`mappings.${index}.conduitService`)}
        />
      </Field>
      <Field id={id("sellercloudCarrier")} label="SellerCloud carrier" error={errors?.sellercloudCarrier?.message}>
        <SelectInput
          id={id("sellercloudCarrier")}
          invalid={!!errors?.sellercloudCarrier}
          {...register(`mappings.${index}.sellercloudCarrier`, { onChange: onCarrierChange })}
          // Controlled by the watched value, so the saved choice shows once SellerCloud's list has loaded.
          value={carrier}
        >
          <option value="">Choose a carrier…</option>
          {carriers.map((c) => (
            <option key={c.key} value={c.key}>
              {c.name}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field
        id={id("sellercloudService")}
        label="SellerCloud service"
        error={errors?.sellercloudService?.message ?? (services.isError ? services.error.message : undefined)}
        hint={serviceHint}
      >
        <SelectInput
          id={id("sellercloudService")}
          invalid={!!errors?.sellercloudService}
          disabled={!carrier || services.isPending}
          {...register(`mappings.${index}.sellercloudService`)}
          value={currentService}
        >
          <option value="">Choose a service…</option>
          {services.data?.map((s) => (
            <option key={s.key} value={s.key}>
              {s.name}
            </option>
          ))}
          {currentService && services.data && !services.data.some((s) => s.key === currentService) && (
            <option value={currentService}>{currentService} (not offered by SellerCloud)</option>
          )}
        </SelectInput>
      </Field>
      <div className="sm:col-span-2">
        <Button variant="ghost" className="text-red-700" onClick={onRemove} aria-label={`Remove mapping ${index + 1}`}>
          Remove mapping
        </Button>
      </div>
    </fieldset>
  );
}

export function ShippingForm({
  channelId,
  mode,
  initial,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"shipping">;
}) {
  const { register, control, handleSubmit, setError, setValue, watch, formState } = useForm<Values>({
    resolver: zodResolver(shippingStepSchema),
    defaultValues: initial,
  });
  const { fields, append, remove } = useFieldArray({ control, name: "mappings" });
  const { submit, formError } = useStepSubmit({ channelId, step: "shipping", mode, setError });
  const carriers = useCarriers(channelId);
  const mappings = watch("mappings");
  return (
    <form onSubmit={handleSubmit(submit)} noValidate className="space-y-5">
      {formError && <Alert tone="error">{formError}</Alert>}
      <p className="text-sm text-slate-600">
        Sync Orders sends each shipment with SellerCloud’s own carrier and service names. Choose them from SellerCloud’s
        lists, fetched through your connection, so a typo cannot be saved.
      </p>
      {carriers.isError && (
        <div role="alert" className="flex flex-wrap items-center gap-3 text-sm text-red-700">
          {carriers.error.message}
          <Button variant="secondary" onClick={() => carriers.refetch()}>
            Try again
          </Button>
        </div>
      )}
      {carriers.isPending && <p className="text-sm text-slate-600">Loading SellerCloud’s carriers…</p>}
      {fields.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600">
          No shipping mappings yet. Add one for each carrier your orders ship with.
        </p>
      ) : (
        fields.map((field, index) => (
          <MappingRow
            key={field.id}
            channelId={channelId}
            index={index}
            carrier={mappings?.[index]?.sellercloudCarrier ?? ""}
            currentService={mappings?.[index]?.sellercloudService ?? ""}
            carriers={carriers.data ?? []}
            register={register}
            errors={formState.errors.mappings?.[index]}
            onRemove={() => remove(index)}
            onCarrierChange={() => setValue(`mappings.${index}.sellercloudService`, "")}
          />
        ))
      )}
      <Button
        variant="secondary"
        onClick={() =>
          append({ conduitCarrier: "", conduitService: "", sellercloudCarrier: "", sellercloudService: "" })
        }
      >
        Add a mapping
      </Button>
      <StepFooter channelId={channelId} step="shipping" mode={mode} optional submitting={formState.isSubmitting} />
    </form>
  );
}
