"use client";

/** The Schedules step's form: manual, hourly, daily or cron per process (UTC), the cron box described in words. */

import { zodResolver } from "@hookform/resolvers/zod";
import dynamic from "next/dynamic";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Field, TextInput } from "@/components/ui/field";
import { OPERATION_LABELS, type Operation, type Schedule } from "@/lib/channels/settings";
import type { StepFormDefaults } from "@/lib/channels/step-defaults";
import { schedulesStepSchemaWith } from "@/lib/channels/step-schemas";
import { StepFooter } from "./step-footer";
import { type FormMode, plainMessage, useStepSubmit } from "./use-step-submit";

// cron-parser, Luxon and cronstrue load with the cron box's hint and on submit, not with every
// step page (they were about 38 KB of the step pages' first-load JavaScript).
const CronHint = dynamic(() => import("./cron-hint").then((m) => m.CronHint));

type Values = z.input<ReturnType<typeof schedulesStepSchemaWith>>;
type ScheduleItem = Values["schedules"][number];
/** The form keeps every kind's field so switching kinds does not lose what was typed. */
interface Row {
  operation: Operation;
  schedule: { kind: Schedule["kind"]; minute: number; time: string; expression: string };
}

function toRow({ operation, schedule }: ScheduleItem): Row {
  return {
    operation,
    schedule: {
      kind: schedule.kind,
      minute: schedule.kind === "hourly" ? (schedule.minute ?? 0) : 0,
      time: schedule.kind === "daily" ? schedule.time : "02:00",
      expression: schedule.kind === "cron" ? schedule.expression : "0 */6 * * *",
    },
  };
}

function fromRow(row: Row): { operation: Operation; schedule: Schedule } {
  const { kind, minute, time, expression } = row.schedule;
  const schedule: Schedule =
    kind === "hourly"
      ? { kind, minute }
      : kind === "daily"
        ? { kind, time }
        : kind === "cron"
          ? { kind, expression }
          : { kind: "manual" };
  return { operation: row.operation, schedule };
}

export function SchedulesForm({
  channelId,
  mode,
  initial,
}: {
  channelId: string;
  mode: FormMode;
  initial: StepFormDefaults<"schedules">;
}) {
  const items = initial.schedules ?? [];
  const { register, handleSubmit, setError, watch, formState } = useForm<{ schedules: Row[] }>({
    defaultValues: { schedules: items.map(toRow) },
    resolver: async (values, context, options) => {
      // Validate what will be sent (one kind per operation), keeping the form's error paths.
      const clean: Values = { schedules: values.schedules.map(fromRow) };
      const { validateCronExpression } = await import("@/lib/operations/schedule");
      const result = await zodResolver(schedulesStepSchemaWith(validateCronExpression))(
        clean,
        context,
        options as never,
      );
      return result.errors && Object.keys(result.errors).length
        ? { values: {}, errors: result.errors }
        : { values, errors: {} };
    },
  });
  const { submit, formError } = useStepSubmit({ channelId, step: "schedules", mode, setError });
  const rows = watch("schedules");
  const errors = formState.errors.schedules;
  return (
    <form
      onSubmit={handleSubmit((values) => submit({ schedules: values.schedules.map(fromRow) }))}
      noValidate
      className="space-y-5"
    >
      {formError && <Alert tone="error">{formError}</Alert>}
      <p className="text-sm text-slate-600">
        All times are UTC. A process can always be started by hand with “Run now”.
      </p>
      {items.length === 0 && <Alert tone="warning">Choose at least one process in “Confirm integrations” first.</Alert>}
      {items.map((item, index) => {
        const kind = rows?.[index]?.schedule.kind ?? "manual";
        const err = errors?.[index]?.schedule;
        const prefix = `schedules-${index}`;
        return (
          <fieldset
            key={item.operation}
            className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
            data-testid={`schedule-${item.operation}`}
          >
            <legend className="px-1 text-base font-semibold text-slate-900">{OPERATION_LABELS[item.operation]}</legend>
            <div className="flex flex-wrap gap-4 text-sm text-slate-800">
              {(
                [
                  ["manual", "Manual only"],
                  ["hourly", "Every hour"],
                  ["daily", "Every day"],
                  ["cron", "Cron expression"],
                ] as const
              ).map(([value, label]) => (
                <label key={value} className="flex items-center gap-2">
                  <input type="radio" value={value} {...register(`schedules.${index}.schedule.kind`)} /> {label}
                </label>
              ))}
            </div>
            {kind === "hourly" && (
              <Field id={`${prefix}-minute`} label="Minutes past the hour" error={plainMessage(err?.minute?.message)}>
                <TextInput
                  id={`${prefix}-minute`}
                  type="number"
                  min="0"
                  max="59"
                  className="w-28"
                  invalid={!!err?.minute}
                  {...register(`schedules.${index}.schedule.minute`, { valueAsNumber: true })}
                />
              </Field>
            )}
            {kind === "daily" && (
              <Field id={`${prefix}-time`} label="Time of day (UTC)" error={err?.time?.message}>
                <TextInput
                  id={`${prefix}-time`}
                  type="time"
                  className="w-36"
                  invalid={!!err?.time}
                  {...register(`schedules.${index}.schedule.time`)}
                />
              </Field>
            )}
            {kind === "cron" && (
              <Field
                id={`${prefix}-expression`}
                label="Cron expression (UTC)"
                error={err?.expression?.message}
                hint={<CronHint expression={rows?.[index]?.schedule.expression ?? ""} />}
              >
                <TextInput
                  id={`${prefix}-expression`}
                  className="font-mono"
                  invalid={!!err?.expression}
                  {...register(`schedules.${index}.schedule.expression`)}
                />
              </Field>
            )}
          </fieldset>
        );
      })}
      <StepFooter channelId={channelId} step="schedules" mode={mode} submitting={formState.isSubmitting} />
    </form>
  );
}
