"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { StepId } from "@/lib/channels/wizard";
import { saveStepAction } from "@/lib/server/actions/channel-actions";

export type FormMode = "setup" | "settings";

/** Zod's built-in messages for bad numbers are not plain words; say what to do instead. */
export function plainMessage(message: string | undefined): string | undefined {
  if (!message) return message;
  if (/expected number|received nan/i.test(message)) return "Enter a number";
  if (/expected (string|boolean)/i.test(message)) return "Fill this in";
  if (/Too small: expected number to be >=(\d+)/i.test(message)) return `Enter ${RegExp.$1} or more`;
  if (/Too big: expected number to be <=(\d+)/i.test(message)) return `Enter ${RegExp.$1} or less`;
  return message;
}

/** Saves one wizard step through the server action; field errors land next to their fields. */
export function useStepSubmit<V extends FieldValues>(options: {
  channelId: string;
  step: StepId;
  mode: FormMode;
  setError: UseFormSetError<V>;
}) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (values: unknown): Promise<boolean> => {
    setFormError(null);
    const result = await saveStepAction({
      channelId: options.channelId,
      step: options.step,
      values,
      mode: options.mode,
    });
    if (result.ok) {
      router.push(result.data.redirectTo);
      return true;
    }
    for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
      options.setError(field as Path<V>, { message: plainMessage(message) });
    }
    setFormError(result.error);
    return false;
  };
  return { submit, formError, setFormError };
}
